using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;

namespace Kairos.Factory.Builders;

/// <summary>What a builder works with: the job, its private work dir, where outputs go, and the way to run commands.</summary>
public sealed record BuildJobContext(JobRecord Job, string WorkDir, string OutputDir, JobProcesses Processes, JobLog Log, FactoryOptions Options)
{
    public BuildSpec Spec => Job.Spec;

    /// <summary>Outputs are named after what was built: kairos-VARIANT-ARCH-MODEL-VERSION.SUFFIX.</summary>
    public string OutputPath(string suffix) =>
        Path.Combine(OutputDir, $"kairos-{Spec.Variant}-{Spec.Architecture}-{Spec.Model}-{Spec.Version}{suffix}");

    public string UploadPath(string uploadId) => Path.Combine(Options.UploadsDir, uploadId + ".tar");

    public string ImageTag => $"localhost/kairos-factory/build:{Job.Id}";
}

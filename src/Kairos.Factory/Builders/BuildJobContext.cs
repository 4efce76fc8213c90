using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Stages.Image.Release;

namespace Kairos.Factory.Builders;

/// <summary>What a builder works with: the job, its private work dir, where outputs go, and the way to run commands.</summary>
public sealed record BuildJobContext(JobRecord Job, string WorkDir, string OutputDir, JobProcesses Processes, JobLog Log, FactoryOptions Options)
{
    public BuildSpec Spec => Job.Spec;

    /// <summary>The stem of an output a builder writes before the image's kairos-release is read (<see cref="ArtifactNaming"/> renames it).</summary>
    public const string Unnamed = "unnamed";

    /// <summary>Where a builder writes its output of <paramref name="kind"/> (named as <see cref="ArtifactNames"/> names it); the job renames it from the image's kairos-release.</summary>
    public string OutputPath(string kind) => Path.Combine(OutputDir, ArtifactNames.Of(Unnamed, kind));

    public string UploadPath(string uploadId) => Path.Combine(Options.UploadsDir, uploadId + ".tar");

    public string ImageTag => $"localhost/kairos-factory/build:{Job.Id}";
}

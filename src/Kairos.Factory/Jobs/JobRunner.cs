using System.Security.Cryptography;
using Kairos.Factory.Api;
using Kairos.Factory.Auth;
using Kairos.Factory.Builders;
using Kairos.Factory.Store;

namespace Kairos.Factory.Jobs;

/// <summary>One build, start to end: base → builder (kairos-stages install, init, validate, and the media, all in the engine) → checksums → artifacts in the store.</summary>
public sealed class JobRunner(FactoryOptions options, JobStore store, LogHub hub, LeftoverCleaner cleaner, FactoryCatalog catalog, ApiToken token, ImageBuilders builders)
{

    public JobLog LogOf(JobRecord job)
    {
        var directory = Path.Combine(options.JobsDir, job.Id);
        Directory.CreateDirectory(directory);
        return new JobLog(Path.Combine(directory, "build.log"), job.Id, hub, new SecretMask([token.Value, .. SecretMask.FromCloudConfig(job.Spec.CloudConfig)]));
    }

    /// <summary>Runs the job; throws <see cref="StepFailedException"/> (or the I/O error) on failure, OperationCanceledException on cancel.</summary>
    public async Task RunAsync(JobRecord job, CancellationToken cancellation)
    {
        var log = LogOf(job);
        var work = cleaner.WorkDirOf(job.Id);
        var output = Path.Combine(options.JobsDir, job.Id, "artifacts");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(output);
        var processes = new JobProcesses(cleaner.MarkerPrefix, job.Id, log, cancellation);
        var context = new BuildJobContext(job, work, output, processes, log, options);
        log.Write("start", $"build {job.Id}: {job.Spec.Image ?? "upload " + job.Spec.BaseUpload} {job.Spec.Variant} {job.Spec.Architecture} {job.Spec.Model} {job.Spec.Version}{(job.Spec.Fips ? " FIPS" : "")} with the {job.Spec.Builder} builder");

        var builder = builders[job.Spec.Builder];
        var source = await builder.BuildAsync(context);
        ArtifactNaming.NameBuilderOutputs(context, source);
        cancellation.ThrowIfCancellationRequested();
        var artifacts = new List<ArtifactRecord>();
        foreach (var file in Directory.GetFiles(output).Where(file => !file.EndsWith(".sha256", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var sha256 = await HashAsync(file, cancellation);
            await File.WriteAllTextAsync(file + ".sha256", $"{sha256}  {name}\n", cancellation);
            artifacts.Add(new ArtifactRecord(name, new FileInfo(file).Length, sha256, catalog.Describe(name)));
            artifacts.Add(new ArtifactRecord(name + ".sha256", new FileInfo(file + ".sha256").Length, await HashAsync(file + ".sha256", cancellation), catalog.Describe(name + ".sha256")));
            log.Write("artifacts", $"{name}: {new FileInfo(file).Length} bytes, sha256 {sha256}");
        }

        store.AddArtifacts(job.Id, artifacts);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation));
    }
}

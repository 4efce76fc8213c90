using Kairos.Factory.Builders;
using Kairos.Factory.Store;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Bounds the shared podman store (<c>DATA/podman</c>): a build leaves its image unnamed so its layers are the next
/// build's cache; <c>podman image prune</c> removes unnamed images no other image builds on, and again for the layers
/// that freed. Those created more than <see cref="FactoryOptions.Retention"/> ago go on every sweep; all of them when
/// the data dir's file system has less than <see cref="FactoryOptions.BuildStoreLowBytes"/> free. Named images (the
/// bases copied in) stay. Skipped while a build runs: its newest layer is unnamed and childless until the next step.
/// </summary>
public static class BuildStoreRetention
{
    /// <summary>Prunes; returns false when it did nothing (no store, or a build runs).</summary>
    public static async Task<bool> SweepAsync(FactoryOptions options, JobStore store, CancellationToken cancellation)
    {
        if (!Directory.Exists(Path.Combine(options.DataDir, "podman", "root")) || store.List("running", 1, 0).Total > 0)
        {
            return false;
        }

        var low = DataDirSpace.Free(options.DataDir) is { } free && free.Bytes < options.BuildStoreLowBytes;
        List<string> filter = low ? [] : ["--filter", $"until={(long)options.Retention.TotalSeconds}s"];
        var result = await ProgramRunner.RunCheckedAsync(
            new ProgramCall(options.Podman, [.. PodmanStorage.Shared(options), "image", "prune", "--force", .. filter]) { CaptureOutput = true },
            cancellation);
        var removed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (removed > 0)
        {
            Log.Information("Retention pruned {Count} unnamed images of the build store{Why}", removed, low ? " (little free space)" : "");
        }

        return true;
    }
}

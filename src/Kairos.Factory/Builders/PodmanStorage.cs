namespace Kairos.Factory.Builders;

/// <summary>podman's global storage flags: a job-private store under the work dir, or the store base images are read from.</summary>
public static class PodmanStorage
{
    /// <summary>podman refuses a run root longer than 50 characters, so it lives under /run, named by the job, and the cleaner removes it with the work dir.</summary>
    public static string RunRootOf(string jobId) => "/run/kairos-factory/" + jobId[^16..];

    public static List<string> Job(string workDir) =>
        ["--root", Path.Combine(workDir, "podman", "root"), "--runroot", RunRootOf(Path.GetFileName(workDir)), "--storage-driver", "overlay"];

    /// <summary>Where the user's local images are: podman's default store unless the server was given one.</summary>
    public static List<string> Source(FactoryOptions options) =>
        options.PodmanRoot is { } root ? ["--root", root, "--runroot", options.PodmanRunRoot ?? root + "-run"] : [];
}

namespace Kairos.Factory.Builders;

/// <summary>podman's global storage flags: a job-private store under the work dir, or the store base images are read from.</summary>
public static class PodmanStorage
{
    public static List<string> Job(string workDir) =>
        ["--root", Path.Combine(workDir, "podman", "root"), "--runroot", Path.Combine(workDir, "podman", "run"), "--storage-driver", "overlay"];

    /// <summary>Where the user's local images are: podman's default store unless the server was given one.</summary>
    public static List<string> Source(FactoryOptions options) =>
        options.PodmanRoot is { } root ? ["--root", root, "--runroot", options.PodmanRunRoot ?? root + "-run"] : [];
}

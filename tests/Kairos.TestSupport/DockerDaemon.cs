namespace Kairos.TestSupport;

/// <summary>
/// The Docker daemon .ci/run starts (its own data-root and exec-root), found through DOCKER_HOST, driven by Debian's
/// client <c>/usr/bin/docker</c> with BuildKit on (DOCKER_BUILDKIT=1). A newer client without the buildx plugin
/// refuses BuildKit, so the client is named by path, never looked up on PATH.
/// </summary>
public static class DockerDaemon
{
    public const string Client = "/usr/bin/docker";

    /// <summary>Why Docker can't be used here, or null. In CI (CI set) a missing daemon is a failure, not a skip.</summary>
    public static string? Unavailable()
    {
        var why = Environment.UserName != "root" ? "needs root"
            : !File.Exists(Client) ? $"needs Debian's docker client {Client} (docker.io; build/install-deps.sh installs it)"
            : Environment.GetEnvironmentVariable("DOCKER_HOST") is not { Length: > 0 } ? "needs a Docker daemon named by DOCKER_HOST (.ci/run starts one; none is set)"
            : Programs.Try([Client, "version", "--format", "{{.Server.Version}}"]) is { Code: not 0 } answer ? $"the Docker daemon at DOCKER_HOST={Environment.GetEnvironmentVariable("DOCKER_HOST")} does not answer: {answer.Output}{answer.Error}"
            : null;
        return why is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(why) : why;
    }

    /// <summary>Runs Debian's client with BuildKit on; its output, throwing on a non-zero exit.</summary>
    public static string Run(params string[] arguments) =>
        Programs.Run([Client, .. arguments], input: null, new Dictionary<string, string?>(StringComparer.Ordinal) { ["DOCKER_BUILDKIT"] = "1" });

    /// <summary>Runs Debian's client, whatever its exit (clean-up).</summary>
    public static ProgramResult Try(params string[] arguments) => Programs.Try([Client, .. arguments]);
}

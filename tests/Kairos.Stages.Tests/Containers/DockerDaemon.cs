namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The Docker daemon .ci/run starts (its own data-root and exec-root), found through DOCKER_HOST, driven
/// by Debian's client <c>/usr/bin/docker</c> with BuildKit on (DOCKER_BUILDKIT=1). A newer client without
/// the buildx plugin refuses BuildKit, so the client is named by path, never looked up on PATH.
/// </summary>
internal static class DockerDaemon
{
    public const string Client = TestSupport.DockerDaemon.Client;

    /// <summary>Why Docker can't be used here, or null (Kairos.TestSupport's check, shared with the Factory's tests).</summary>
    public static string? Unavailable() => TestSupport.DockerDaemon.Unavailable();

    /// <summary>The daemon's and the client's versions, e.g. "20.10.24+dfsg1".</summary>
    public static string ServerVersion() => Check("version", "--format", "{{.Server.Version}}").Output.Trim();

    public static EngineResult Run(params string[] args) => EngineShell.Run([Client, .. args], null, ClientEnvironment());

    /// <summary>Runs <c>producer | docker args</c> (e.g. tar into docker import).</summary>
    public static EngineResult Piped(string[] producer, params string[] args) => EngineShell.Run([Client, .. args], producer, ClientEnvironment());

    /// <summary>Like <see cref="Run"/>, and throws with the output when docker fails.</summary>
    public static EngineResult Check(params string[] args)
    {
        var result = Run(args);
        return result.Code == 0 ? result : throw new InvalidOperationException($"docker {string.Join(' ', args)} exited {result.Code}:\n{result.Tail}");
    }

    /// <summary>What another program's docker needs to reach the same daemon (build-iso docker:NAME): DOCKER_HOST, and Debian's client first on PATH.</summary>
    public static Dictionary<string, string> EnvironmentForOtherPrograms() => new(StringComparer.Ordinal)
    {
        ["DOCKER_HOST"] = Environment.GetEnvironmentVariable("DOCKER_HOST")!,
        ["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH"),
    };

    private static Dictionary<string, string> ClientEnvironment() => new(StringComparer.Ordinal) { ["DOCKER_BUILDKIT"] = "1" };
}

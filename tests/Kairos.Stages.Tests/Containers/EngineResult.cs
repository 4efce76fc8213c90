namespace Kairos.Stages.Tests.Containers;

/// <summary>One podman or docker command's exit code, its stdout and stderr interleaved, and how long it took.</summary>
internal sealed record EngineResult(int Code, string Output, TimeSpan Elapsed)
{
    /// <summary>The last 60 lines of output, for failure messages.</summary>
    public string Tail => string.Join('\n', Output.Split('\n').TakeLast(60));
}

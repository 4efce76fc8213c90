namespace Kairos.Stages.Target.Platform;

/// <summary>A shell script to run in the target, with extra environment and an optional timeout.</summary>
public sealed record CommandRequest(string Script)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    public TimeSpan? Timeout { get; init; }

    /// <summary>Called with each output line (stdout and stderr merged) as it arrives.</summary>
    public Action<string>? OnOutput { get; init; }
}

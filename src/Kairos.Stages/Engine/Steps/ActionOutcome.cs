namespace Kairos.Stages.Engine.Steps;

/// <summary>What an action did: failures (empty on success) and warnings.</summary>
public sealed record ActionOutcome
{
    public static ActionOutcome Ok { get; } = new();

    public IReadOnlyList<ActionFailure> Failures { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Files fetched by the action, with their computed sha256 (for the run record).</summary>
    public IReadOnlyList<DownloadRecord> Downloads { get; init; } = [];

    public bool Succeeded => Failures.Count == 0;

    public static ActionOutcome Failed(ActionFailure failure) => new() { Failures = [failure] };
}

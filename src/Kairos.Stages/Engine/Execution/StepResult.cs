using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Steps;

namespace Kairos.Stages.Engine.Execution;

/// <summary>The outcome of one plan entry: status, skip reason or failures, warnings, timing.</summary>
public sealed record StepResult(PlanEntry Entry, StepStatus Status)
{
    public string? SkipReason { get; init; }

    public IReadOnlyList<ActionFailure> Failures { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Which action (yip key) failed first, if any.</summary>
    public string? FailedKey { get; init; }
}

using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>The result of <see cref="StageBuild.RunAsync"/>: how it ended, the plan, each phase's result, and warnings.</summary>
public sealed record BuildOutcome(BuildStatus Status)
{
    /// <summary>The first plan made (null when preparation failed).</summary>
    public Plan? Plan { get; init; }

    /// <summary>One result per phase that ran (install stages, then init stages).</summary>
    public IReadOnlyList<RunResult> Phases { get; init; } = [];

    /// <summary>For a run stopped by a signal: what the process should exit with (130 SIGINT, 143 SIGTERM).</summary>
    public int? SignalExitCode { get; init; }

    /// <summary>Why the run was interrupted, when a signal killed a running command.</summary>
    public string? Interruption { get; init; }

    /// <summary>Problems that did not change the outcome (e.g. the run record could not be written).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

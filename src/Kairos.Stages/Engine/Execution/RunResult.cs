namespace Kairos.Stages.Engine.Execution;

/// <summary>The outcome of a run: every step's result in order, and where it stopped.</summary>
public sealed record RunResult(RunStatus Status, IReadOnlyList<StepResult> Steps, TimeSpan Duration)
{
    /// <summary>The step the run stopped at: the first failed one, or the one a signal interrupted.</summary>
    public StepResult? FirstFailure => Steps.FirstOrDefault(s => s.Status is StepStatus.Failed or StepStatus.Cancelled);

    /// <summary>For a run stopped by a signal: the exit code the process should end with (130 SIGINT, 143 SIGTERM).</summary>
    public int? SignalExitCode { get; init; }
}

namespace Kairos.Stages.Execution;

/// <summary>The outcome of a run: every step's result in order, and where it stopped.</summary>
public sealed record RunResult(RunStatus Status, IReadOnlyList<StepResult> Steps, TimeSpan Duration)
{
    public StepResult? FirstFailure => Steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
}

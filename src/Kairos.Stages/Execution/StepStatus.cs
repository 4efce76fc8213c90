namespace Kairos.Stages.Execution;

/// <summary>How a step ended.</summary>
public enum StepStatus
{
    Succeeded,
    Skipped,
    Failed,
    NotRun,
}

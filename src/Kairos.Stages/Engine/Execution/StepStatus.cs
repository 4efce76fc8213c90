namespace Kairos.Stages.Engine.Execution;

/// <summary>How a step ended.</summary>
public enum StepStatus
{
    Succeeded,
    Skipped,
    Failed,
    NotRun,

    /// <summary>Stopped by SIGINT/SIGTERM (or cancellation) while it ran.</summary>
    Cancelled,
}

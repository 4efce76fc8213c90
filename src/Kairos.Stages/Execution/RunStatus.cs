namespace Kairos.Stages.Execution;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    Succeeded,
    Failed,
    Cancelled,
}

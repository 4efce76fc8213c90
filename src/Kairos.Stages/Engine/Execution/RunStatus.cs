namespace Kairos.Stages.Engine.Execution;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    Succeeded,
    Failed,
    Cancelled,
}

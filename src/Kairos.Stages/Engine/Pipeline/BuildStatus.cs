namespace Kairos.Stages.Engine.Pipeline;

/// <summary>How a build ended.</summary>
public enum BuildStatus
{
    /// <summary>Every phase ran and succeeded.</summary>
    Succeeded,

    /// <summary>A step failed; the run record says which.</summary>
    Failed,

    /// <summary>Stopped by a signal or cancellation between or inside steps.</summary>
    Cancelled,

    /// <summary>A stage file, extension or skip name is wrong (diagnostics were reported); nothing executed.</summary>
    Invalid,

    /// <summary>A dry run: the plan was made and nothing else happened.</summary>
    Planned,
}

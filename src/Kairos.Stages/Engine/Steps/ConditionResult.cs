namespace Kairos.Stages.Engine.Steps;

/// <summary>Run, or skip with a reason a person can act on.</summary>
public sealed record ConditionResult(bool Run, string? Reason)
{
    public static ConditionResult Pass { get; } = new(true, null);

    public static ConditionResult Skip(string reason) => new(false, reason);
}

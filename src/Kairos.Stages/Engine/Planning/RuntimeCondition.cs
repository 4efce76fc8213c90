namespace Kairos.Stages.Engine.Planning;

/// <summary>A condition only the run can decide, with its expression as written (whitespace runs folded to one space).</summary>
public sealed record RuntimeCondition(string Key, string Expression)
{
    public override string ToString() => $"{Key}: {Expression}";
}

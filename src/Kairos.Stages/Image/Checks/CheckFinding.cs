namespace Kairos.Stages.Image.Checks;

/// <summary>One result line of <c>validate</c>: the check's tag, its verdict, what was found, and how to fix it.</summary>
/// <param name="Tag">The check's tag without brackets, e.g. <c>FILES</c>.</param>
/// <param name="Status">Pass, warn or fail.</param>
/// <param name="Message">What is right or wrong, naming the path, key or binary.</param>
/// <param name="Fix">What to do about it; null on a pass.</param>
public sealed record CheckFinding(string Tag, CheckStatus Status, string Message, string? Fix = null)
{
    public static CheckFinding Pass(string tag, string message) => new(tag, CheckStatus.Pass, message);

    public static CheckFinding Warn(string tag, string message, string fix) => new(tag, CheckStatus.Warn, message, fix);

    public static CheckFinding Fail(string tag, string message, string fix) => new(tag, CheckStatus.Fail, message, fix);
}

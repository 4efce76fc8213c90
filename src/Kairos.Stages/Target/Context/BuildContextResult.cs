namespace Kairos.Stages.Target.Context;

/// <summary>The outcome of <see cref="BuildContextFactory.Create"/>: a context, or the errors that prevent one, plus warnings.</summary>
public sealed record BuildContextResult(BuildContext? Context, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool Success => Context is not null && Errors.Count == 0;
}

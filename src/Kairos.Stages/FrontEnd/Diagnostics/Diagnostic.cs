namespace Kairos.Stages.FrontEnd.Diagnostics;

/// <summary>One finding about a user file, at a file, line and column, with a stable code.</summary>
public sealed record Diagnostic(SourceSpan Location, Severity Severity, string Code, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

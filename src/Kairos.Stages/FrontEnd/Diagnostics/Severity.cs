namespace Kairos.Stages.FrontEnd.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    Error,
    Warning,
    Info,
}

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>One file to lint: the path shown in diagnostics and its text.</summary>
public sealed record LintInput(string Path, string Text);

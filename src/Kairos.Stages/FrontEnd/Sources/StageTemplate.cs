namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>One bundled stage file before rendering: its path relative to the stages root and its text.</summary>
public sealed record StageTemplate(string RelativePath, string Text)
{
    /// <summary>The path shown in diagnostics, e.g. <c>stages/init/10-kairosRelease.yaml</c>.</summary>
    public string DisplayPath { get; init; } = "stages/" + RelativePath;
}

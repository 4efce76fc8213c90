namespace Kairos.Stages.Engine.Planning;

/// <summary>Where a stage file came from.</summary>
public enum SourceKind
{
    /// <summary>A bundled (or forked, --stages-dir) stage template, rendered with Scriban.</summary>
    Bundled,

    /// <summary>A user extension file from the stage-extensions directory, plain yip.</summary>
    Extension,
}

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One loaded yip document: its stages in document order, plus bundled-file metadata.</summary>
public sealed record StageFile
{
    /// <summary>Path shown in diagnostics (bundled files: <c>stages/…</c>; others: as given).</summary>
    public required string Path { get; init; }

    /// <summary>The document's <c>name:</c>, used to build yip op ids.</summary>
    public string? Name { get; init; }

    /// <summary>Bundled files only: the kairos-init step name this file implements.</summary>
    public string? StepName { get; init; }

    /// <summary>Bundled files only: one-line description for <c>steps-info</c>.</summary>
    public string? Description { get; init; }

    public bool IsCloudConfig { get; init; }

    public IReadOnlyList<StageBlock> Stages { get; init; } = [];

    /// <summary>The steps of one stage (empty when the file has none for it).</summary>
    public IReadOnlyList<Step> StepsFor(string stage) =>
        Stages.FirstOrDefault(s => s.Stage == stage)?.Steps ?? [];

    /// <summary>The yip op-id root: the document name, or else the source path.</summary>
    public string IdRoot => string.IsNullOrEmpty(Name) ? Path : Name;
}

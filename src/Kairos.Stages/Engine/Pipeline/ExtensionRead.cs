using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>The extension files read from a directory, and the entries that could not be read (each stops a run).</summary>
public sealed record ExtensionRead(IReadOnlyList<LintInput> Files, IReadOnlyList<string> Errors);

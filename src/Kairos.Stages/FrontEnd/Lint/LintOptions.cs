using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Lint options: leniency (yip parity), and an optional pre-processor for bundled templates (Scriban rendering).</summary>
public sealed record LintOptions
{
    public static readonly LintOptions Default = new();

    public bool Lenient { get; init; }

    /// <summary>Runs on bundled files (top-level <c>step:</c>) before parsing; returns the rendered text (null: stop) and its diagnostics.</summary>
    public Func<string, string, (string? Text, IReadOnlyList<Diagnostic> Diagnostics)>? Preprocess { get; init; }

    public SemanticOptions Semantic { get; init; } = SemanticOptions.Default;
}

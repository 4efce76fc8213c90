using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>The rendered YAML of one stage file, or null with the diagnostics (KS601/KS602) that stopped it.</summary>
public sealed record RenderResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => Text is not null && !Diagnostics.Any(d => d.IsError);
}

namespace Kairos.Stages.Image.Checks;

/// <summary>Every finding of one validate run, in catalog order, and the inputs the checks used.</summary>
public sealed record ValidationReport(string Root, IReadOnlyList<ResolvedInput> Inputs, IReadOnlyList<CheckFinding> Findings)
{
    public int Passed => Findings.Count(f => f.Status == CheckStatus.Pass);

    public int Warnings => Findings.Count(f => f.Status == CheckStatus.Warn);

    public int Failures => Findings.Count(f => f.Status == CheckStatus.Fail);

    /// <summary>True when nothing failed; warnings are allowed.</summary>
    public bool Ok => Failures == 0;
}

using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.Engine.Planning;

/// <summary>A validated, planned run: the plan, its sources, the rendered text of every file, and warnings.</summary>
public sealed record PreparedRun(
    Plan Plan,
    IReadOnlyList<PlanSource> Sources,
    IReadOnlyDictionary<string, string> Texts,
    IReadOnlyList<Diagnostic> Warnings);

namespace Kairos.Stages.Engine.Planning;

/// <summary>The resolved, ordered plan of a run: stages in order, each with its entries.</summary>
public sealed record Plan(string Selector, IReadOnlyList<PlannedStage> Stages)
{
    public IEnumerable<PlanEntry> Entries => Stages.SelectMany(s => s.Entries);
}

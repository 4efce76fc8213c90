namespace Kairos.Stages.Engine.Planning;

/// <summary>One stage of the plan, its entries in execution order.</summary>
public sealed record PlannedStage(string Name, IReadOnlyList<PlanEntry> Entries);

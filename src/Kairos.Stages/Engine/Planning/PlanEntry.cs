using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>One step in the plan: where it came from, its yip op id, and whether it runs.</summary>
public sealed record PlanEntry
{
    public required string Stage { get; init; }

    /// <summary>yip op id: <c>&lt;document name or path&gt;.&lt;step label&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The bundled step (kairos-init name) this entry belongs to, or null for extensions.</summary>
    public string? StepName { get; init; }

    public required Step Step { get; init; }

    public required SourceKind Kind { get; init; }

    public SourceSpan Source => Step.Location;

    /// <summary>Null when the entry will run (subject to run-time conditions); otherwise why it is skipped.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Conditions only the run can decide (if, if_files, node; a service manager the root does not have yet), with their expressions.</summary>
    public IReadOnlyList<RuntimeCondition> RuntimeConditions { get; init; } = [];

    public bool Skipped => SkipReason is not null;

    /// <summary>A display name: the step's name, or its id when unnamed.</summary>
    public string DisplayName => string.IsNullOrEmpty(Step.Name) ? Id : Step.Name;
}

using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>Builds the ordered plan: selected stages in order; bundled files, then extensions, each in the order given; <c>after</c> applied; skips recorded.</summary>
public static class Planner
{
    /// <summary>
    /// Sources must already be in order: bundled files by path, then extensions by path (ordinal). With
    /// <paramref name="facts"/> the conditions the build decides are decided here, as the run will.
    /// </summary>
    public static (Plan? Plan, IReadOnlyList<string> Errors) Build(IReadOnlyList<PlanSource> sources, string selector, SkipSet skip, PlanFacts? facts = null)
    {
        var stages = BuildStages.Select(selector);
        if (stages is null)
        {
            return (null, [$"unknown stage '{selector}'; expected one of: {string.Join(", ", BuildStages.Selectors)}"]);
        }

        var ordered = sources.OrderBy(s => s.Kind).ToList();
        var errors = new List<string>();
        var planned = new List<PlannedStage>();
        foreach (var stage in stages)
        {
            var entries = ordered.SelectMany(source => EntriesOf(source, stage, skip, facts)).ToList();
            var (sorted, orderErrors) = StepOrdering.Order(entries);
            errors.AddRange(orderErrors);
            planned.Add(new PlannedStage(stage, sorted));
        }

        return errors.Count > 0 ? (null, errors) : (new Plan(selector, planned), errors);
    }

    private static IEnumerable<PlanEntry> EntriesOf(PlanSource source, string stage, SkipSet skip, PlanFacts? facts)
    {
        var steps = source.File.StepsFor(stage);
        var ids = StepIds.For(source.File, steps);
        var stepName = source.Kind == SourceKind.Bundled ? source.File.StepName : null;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var (conditionSkip, runtime) = PlannedConditions.Of(step, facts);
            yield return new PlanEntry
            {
                Stage = stage,
                Id = ids[i],
                StepName = stepName,
                Step = step,
                Kind = source.Kind,
                SkipReason = skip.ReasonFor(stage, stepName, step.Name) ?? conditionSkip,
                RuntimeConditions = runtime,
            };
        }
    }
}

namespace Kairos.Stages.Planning;

/// <summary>
/// Orders a stage's entries. A step with <c>after</c> waits for the steps it names (yip ids or
/// plain names); every other step stays chained behind the step before it in list order, as in
/// yip, except where that chain would wait on a step that itself waits for this one (yip would
/// silently drop such a cycle; we keep the explicit edge). Among ready steps the earliest in list
/// order runs first, so the result is deterministic. Dangling names and cycles of explicit
/// <c>after</c> edges are errors.
/// </summary>
public static class StepOrdering
{
    public static (IReadOnlyList<PlanEntry> Ordered, IReadOnlyList<string> Errors) Order(IReadOnlyList<PlanEntry> entries)
    {
        var errors = new List<string>();
        var deps = Enumerable.Range(0, entries.Count).Select(_ => new HashSet<int>()).ToArray();
        var anyAfter = false;
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var reference in entries[i].Step.After)
            {
                anyAfter = true;
                var target = Resolve(entries, reference.Name, i);
                if (target < 0)
                {
                    errors.Add($"{reference.Location}: step '{entries[i].DisplayName}' runs after '{reference.Name}', which is not a step of stage '{entries[i].Stage}'");
                }
                else if (target != i)
                {
                    deps[i].Add(target);
                }
            }
        }

        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Step.After.Count == 0 && (!anyAfter || !DependsOn(deps, i - 1, i)))
            {
                deps[i].Add(i - 1);
            }
        }

        return (TopologicalSort(entries, deps, errors), errors);
    }

    /// <summary>True when <paramref name="from"/> transitively waits for <paramref name="on"/>.</summary>
    private static bool DependsOn(HashSet<int>[] deps, int from, int on)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>([from]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node == on)
            {
                return true;
            }

            foreach (var d in deps[node].Where(seen.Add))
            {
                stack.Push(d);
            }
        }

        return false;
    }
    private static int Resolve(IReadOnlyList<PlanEntry> entries, string name, int self)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Id == name)
            {
                return i;
            }
        }

        var byName = Enumerable.Range(0, entries.Count).Where(i => i != self && entries[i].Step.Name == name).ToList();
        return byName.Count > 0 ? byName[0] : -1;
    }

    private static List<PlanEntry> TopologicalSort(IReadOnlyList<PlanEntry> entries, HashSet<int>[] deps, List<string> errors)
    {
        var remaining = deps.Select(d => d.Count).ToArray();
        var dependents = Enumerable.Range(0, entries.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var d in deps[i])
            {
                dependents[d].Add(i);
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, entries.Count).Where(i => remaining[i] == 0));
        var ordered = new List<PlanEntry>(entries.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            ordered.Add(entries[next]);
            foreach (var dependent in dependents[next])
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (ordered.Count < entries.Count)
        {
            var stuck = Enumerable.Range(0, entries.Count).Where(i => remaining[i] > 0).Select(i => $"'{entries[i].DisplayName}' ({entries[i].Source})");
            errors.Add($"'after' dependencies form a cycle in stage '{entries[0].Stage}': {string.Join(", ", stuck)}");
        }

        return ordered;
    }
}

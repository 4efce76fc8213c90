namespace Kairos.Stages.Engine.Planning;

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
        var waiters = Enumerable.Range(0, entries.Count).Select(_ => new List<int>()).ToArray();
        var index = new Lookup(entries);
        var anyAfter = false;
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var reference in entries[i].Step.After)
            {
                anyAfter = true;
                var target = index.Resolve(reference.Name, i);
                if (target < 0)
                {
                    errors.Add($"{reference.Location}: step '{entries[i].DisplayName}' runs after '{reference.Name}', which is not a step of stage '{entries[i].Stage}'");
                }
                else if (target != i && deps[i].Add(target))
                {
                    waiters[target].Add(i);
                }
            }
        }

        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Step.After.Count == 0 && (!anyAfter || !DependsOn(waiters, i - 1, i)) && deps[i].Add(i - 1))
            {
                waiters[i - 1].Add(i);
            }
        }

        return (TopologicalSort(entries, deps, errors), errors);
    }

    /// <summary>True when <paramref name="from"/> transitively waits for <paramref name="on"/>.</summary>
    /// <remarks>
    /// Searched backwards, from <paramref name="on"/> through the steps that wait for it. When step i is checked, only
    /// explicit <c>after</c> edges lead into it (its chain edge from step i + 1 comes later), so the search stays
    /// among the steps that name it and their own waiters: constant time for the usual <c>after</c> an earlier step,
    /// where a forward search would walk every earlier step (quadratic over a stage).
    /// </remarks>
    private static bool DependsOn(List<int>[] waiters, int from, int on)
    {
        var seen = new HashSet<int> { on };
        var stack = new Stack<int>([on]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node == from)
            {
                return true;
            }

            foreach (var waiter in waiters[node].Where(seen.Add))
            {
                stack.Push(waiter);
            }
        }

        return false;
    }

    /// <summary>An <c>after</c> name resolves to the first step with that op id, else the first other step with that plain name.</summary>
    private sealed class Lookup
    {
        private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int First, int Second)> _byName = new(StringComparer.Ordinal);

        public Lookup(IReadOnlyList<PlanEntry> entries)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                _byId.TryAdd(entries[i].Id, i);
                var name = entries[i].Step.Name;
                if (!_byName.TryGetValue(name, out var found))
                {
                    _byName[name] = (i, -1);
                }
                else if (found.Second < 0)
                {
                    _byName[name] = (found.First, i);
                }
            }
        }

        public int Resolve(string name, int self)
        {
            if (_byId.TryGetValue(name, out var byId))
            {
                return byId;
            }

            return !_byName.TryGetValue(name, out var byName) ? -1 : byName.First != self ? byName.First : byName.Second;
        }
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

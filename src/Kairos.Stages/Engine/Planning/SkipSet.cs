using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>
/// The validated <c>--skip-steps</c> names: bundled step names, extension step names, stage names, the
/// phases install/init, or kairos-init step names that map to one of those (stages/data/step-aliases.yaml).
/// Case-insensitive. With <c>--only-steps</c> (<see cref="Only"/>), every entry those names do not select is skipped too.
/// </summary>
public sealed class SkipSet
{
    private readonly HashSet<string> _names;

    // what an alias skips -> the alias the user gave, so a skip reason names the flag value as written
    private readonly Dictionary<string, string> _aliasFor;

    // --only-steps: null when not given
    private readonly SkipSet? _only;

    private SkipSet(IEnumerable<string> names, Dictionary<string, string> aliasFor, SkipSet? only = null)
    {
        _names = new(names, StringComparer.OrdinalIgnoreCase);
        _aliasFor = aliasFor;
        _names.UnionWith(aliasFor.Keys);
        _only = only;
    }

    public static SkipSet Empty { get; } = new([], []);

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>
    /// This set, and every entry that <paramref name="only"/>'s names (parsed as skips are, from <c>--only-steps</c>)
    /// do not select skipped as well: a phase, stage, step or entry name selects what it would skip.
    /// </summary>
    public SkipSet Only(SkipSet only) => new(_names, _aliasFor, only);

    /// <summary>Parses comma-separated lists (items trimmed); unknown names are errors with a suggestion; aliases skip what they map to.</summary>
    public static (SkipSet Set, IReadOnlyList<string> Errors) Parse(IEnumerable<string> values, IReadOnlyCollection<string> known, IReadOnlyList<StepAlias>? aliases = null, string flag = "--skip-steps")
    {
        var names = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var errors = names
            .Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Select(n => $"unknown step '{n}' in {flag}{Suggestions.DidYouMean(n, known)} (see 'kairos-stages steps-info')")
            .ToList();
        var aliasFor = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var alias in aliases ?? [])
        {
            if (!string.Equals(alias.Name, alias.Skips, StringComparison.OrdinalIgnoreCase) && names.Contains(alias.Name, StringComparer.OrdinalIgnoreCase))
            {
                aliasFor[alias.Skips] = alias.Name;
            }
        }

        return (new SkipSet(names, aliasFor), errors);
    }

    /// <summary>The names a user may skip, given the loaded sources and the aliases whose target is among them.</summary>
    public static IReadOnlyCollection<string> KnownNames(IEnumerable<PlanSource> sources, IReadOnlyList<StepAlias>? aliases = null)
    {
        var known = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "install", "init" };
        known.UnionWith(BuildStages.All);
        foreach (var source in sources)
        {
            if (source.Kind == SourceKind.Bundled && source.File.StepName is { Length: > 0 } step)
            {
                known.Add(step);
            }
            else if (source.Kind == SourceKind.Extension)
            {
                known.UnionWith(source.File.Stages.SelectMany(b => b.Steps).Select(s => s.Name).Where(n => n.Length > 0));
            }
        }

        known.UnionWith((aliases ?? []).Where(a => known.Contains(a.Skips)).Select(a => a.Name));
        return known;
    }

    /// <summary>Why an entry is skipped by this set, or null.</summary>
    public string? ReasonFor(string stage, string? stepName, string entryName) =>
        Skipped(stage, stepName, entryName)
        ?? (_only is not null && _only.Skipped(stage, stepName, entryName) is null ? "not among --only-steps" : null);

    private string? Skipped(string stage, string? stepName, string entryName)
    {
        var phase = BuildStages.PhaseOf(stage);
        if (_names.Contains(phase))
        {
            return $"--skip-steps {phase} (whole {phase} phase)";
        }

        if (_names.Contains(stage))
        {
            return $"--skip-steps {stage}";
        }

        if (stepName is not null && _names.Contains(stepName))
        {
            return _aliasFor.TryGetValue(stepName, out var alias) ? $"--skip-steps {alias} (kairos-init's name for {stepName})" : $"--skip-steps {stepName}";
        }

        return entryName.Length > 0 && _names.Contains(entryName) ? $"--skip-steps {entryName}" : null;
    }
}

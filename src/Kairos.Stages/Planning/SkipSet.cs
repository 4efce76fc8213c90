using Kairos.Stages.Loading;

namespace Kairos.Stages.Planning;

/// <summary>The validated <c>--skip-steps</c> names: bundled step names, extension step names, stage names or the phases install/init. Case-insensitive.</summary>
public sealed class SkipSet
{
    private readonly HashSet<string> _names;

    private SkipSet(IEnumerable<string> names) => _names = new(names, StringComparer.OrdinalIgnoreCase);

    public static SkipSet Empty { get; } = new([]);

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Parses comma-separated lists (items trimmed); unknown names are errors with a suggestion.</summary>
    public static (SkipSet Set, IReadOnlyList<string> Errors) Parse(IEnumerable<string> values, IReadOnlyCollection<string> known)
    {
        var names = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var errors = names
            .Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Select(n => $"unknown step '{n}' in --skip-steps{Suggestions.DidYouMean(n, known)} (see 'kairos-stages steps-info')")
            .ToList();
        return (new SkipSet(names), errors);
    }

    /// <summary>The names a user may skip, given the loaded sources.</summary>
    public static IReadOnlyCollection<string> KnownNames(IEnumerable<PlanSource> sources)
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

        return known;
    }

    /// <summary>Why an entry is skipped by this set, or null.</summary>
    public string? ReasonFor(string stage, string? stepName, string entryName)
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
            return $"--skip-steps {stepName}";
        }

        return entryName.Length > 0 && _names.Contains(entryName) ? $"--skip-steps {entryName}" : null;
    }
}

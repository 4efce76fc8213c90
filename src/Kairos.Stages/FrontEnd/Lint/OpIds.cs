using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>yip's op identifiers: <c>&lt;document name or path&gt;.&lt;label&gt;</c>, with yip's renaming of duplicate names.</summary>
public static class OpIds
{
    /// <summary>Labels for one stage list: all become "name.index" when any two share a name, else unnamed steps get their index.</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<Step> steps)
    {
        var duplicates = steps.GroupBy(s => s.Name, StringComparer.Ordinal).Any(g => g.Count() > 1);
        return [.. steps.Select((s, i) => duplicates ? $"{s.Name}.{i}" : s.Name.Length == 0 ? i.ToString() : s.Name)];
    }

    public static IReadOnlyList<string> For(StageFile file, IReadOnlyList<Step> steps) =>
        [.. Labels(steps).Select(label => $"{file.IdRoot}.{label}")];
}

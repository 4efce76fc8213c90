using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Applies <c>&lt;&lt;:</c> merges: explicit keys win, and an earlier merged map wins over a later one.</summary>
internal static class MergeKeys
{
    public static IReadOnlyList<YEntry> Apply(List<YEntry> explicitEntries, List<YNode> merges, DiagnosticBag bag)
    {
        if (merges.Count == 0)
        {
            return explicitEntries;
        }

        var result = new List<YEntry>(explicitEntries);
        var present = explicitEntries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var source in merges.SelectMany(m => Sources(m, bag)))
        {
            foreach (var entry in source.Entries.Where(e => present.Add(e.Key.Value)))
            {
                result.Add(entry with { Merged = true });
            }
        }

        return result;
    }

    private static IEnumerable<YMapping> Sources(YNode merge, DiagnosticBag bag)
    {
        switch (merge)
        {
            case YMapping map:
                return [map];
            case YSequence list when list.Items.All(i => i is YMapping):
                return list.Items.Cast<YMapping>();
            default:
                bag.Error(merge.Start, DiagnosticCodes.WrongType, $"a merge key '<<' takes a map or a list of maps, not {merge.Describe()}");
                return [];
        }
    }
}

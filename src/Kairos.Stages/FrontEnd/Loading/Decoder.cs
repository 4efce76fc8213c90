using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Reads yip's shapes out of YAML nodes with yaml.v3's typing rules; one instance per load.</summary>
internal sealed partial class Decoder(LoadOptions options, DiagnosticBag bag)
{
    public DiagnosticBag Bag => bag;

    public LoadOptions Options => options;

    /// <summary>The mapping, or null (a KS201 is reported unless the node is null).</summary>
    public YMapping? Map(YNode? node, string key)
    {
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YMapping map:
                return map;
            default:
                WrongType(node, key, "a map");
                return null;
        }
    }

    public IReadOnlyList<YNode> List(YNode? node, string key)
    {
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return [];
            case YSequence list:
                return list.Items;
            default:
                WrongType(node, key, "a list");
                return [];
        }
    }

    /// <summary>The entries whose keys are valid at <paramref name="place"/>; the others are reported.</summary>
    public IEnumerable<YEntry> Entries(YMapping map, string place) => Entries(map, place, KeyTables.Keys[place]);

    public IEnumerable<YEntry> Entries(YMapping map, string place, IReadOnlyList<string> valid)
    {
        foreach (var entry in map.Entries)
        {
            if (valid.Contains(entry.Key.Value))
            {
                yield return entry;
            }
            else
            {
                // A merged key is reported where it is written; the bag drops the repeat when that node is decoded too.
                UnknownKey(entry.Key, place, valid);
            }
        }
    }

    private void UnknownKey(YScalar key, string place, IReadOnlyList<string> valid)
    {
        var severity = options.Lenient ? Severity.Warning : Severity.Error;
        if (place == KeyTables.IfFiles)
        {
            bag.Error(key.Start, DiagnosticCodes.BadIfFilesKey, $"if_files takes only 'any', 'all' and 'none', not '{Short(key.Value)}' (yip skips the step)");
        }
        else if (place != KeyTables.TopLevel && KeyTables.WorkingSpelling(valid, key.Value) is { } working)
        {
            var why = key.Value.Contains('-', StringComparison.Ordinal) ? "uses dashes (as yip's README does), which yip ignores"
                : string.Equals(key.Value, working, StringComparison.OrdinalIgnoreCase) ? "has the wrong case, which yip ignores"
                : "is not yip's spelling (yip ignores it)";
            bag.Add(new(key.Start, severity, DiagnosticCodes.ReadmeSpelling, $"'{key.Value}' {why}; write '{working}'"));
        }
        else
        {
            var hint = Suggestions.Closest(key.Value, valid) is { } s ? $" — did you mean '{s}'?" : $" (not a key of {place})";
            bag.Add(new(key.Start, severity, DiagnosticCodes.UnknownKey, $"unknown key '{Short(key.Value)}'{hint}"));
        }
    }

    public void WrongType(YNode node, string key, string expected) =>
        bag.Error(node.Start, DiagnosticCodes.WrongType, $"'{key}' must be {expected}, not {node.Describe()}");

    public string? String(YNode? node, string key)
    {
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YScalar s:
                return s.Value;
            default:
                WrongType(node, key, "a string");
                return null;
        }
    }

    public IReadOnlyList<string> StringList(YNode? node, string key) =>
        [.. List(node, key).Select(item => String(item, $"{key}[]")).OfType<string>()];

    /// <summary>A <c>map[string]string</c> in source order; values keep their source text.</summary>
    public IReadOnlyList<KeyValue> StringMap(YNode? node, string key) =>
        Map(node, key) is { } map
            ? [.. map.Entries.Select(e => new KeyValue(e.Key.Value, String(e.Value, $"{key}.{e.Key.Value}") ?? "", e.Key.Start))]
            : [];

    public bool? Bool(YNode? node, string key)
    {
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YScalar { IsPlain: true } s when ScalarKinds.ParseBool(s.Value) is { } value:
                return value;
            case YScalar s:
                var quoted = !s.IsPlain && ScalarKinds.ParseBool(s.Value) is not null;
                bag.Error(s.Start, DiagnosticCodes.BadBoolean, quoted
                    ? $"'{key}' must be an unquoted true or false, not the string \"{s.Value}\""
                    : $"'{key}' must be true or false, not '{Short(s.Value)}'");
                return null;
            default:
                WrongType(node, key, "true or false");
                return null;
        }
    }

    public static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

using System.Text.Json.Nodes;
using Kairos.Stages.Diagnostics;
using Kairos.Stages.Loading.Yaml;

namespace Kairos.Stages.Validation;

/// <summary>Converts a YAML tree to JSON typed the way yip decodes it, remembering where each JSON Pointer came from.</summary>
internal sealed class YamlToJson
{
    private readonly Dictionary<string, (SourceSpan? Key, SourceSpan Value)> _locations = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (SourceSpan? Key, SourceSpan Value)> Locations => _locations;

    public JsonNode? Convert(YNode node, string pointer = "", SourceSpan? key = null)
    {
        _locations[pointer] = (key, node.Start);
        return node switch
        {
            YMapping map => Object(map, pointer),
            YSequence list => new JsonArray([.. list.Items.Select((item, i) => Convert(item, $"{pointer}/{i}"))]),
            YScalar scalar => Scalar(scalar),
            _ => null,
        };
    }

    private JsonObject Object(YMapping map, string pointer)
    {
        var result = new JsonObject();
        // A null value leaves a field at its default under yip, exactly like an absent key.
        foreach (var entry in map.Entries.Where(e => e.Value is not YScalar { IsNull: true }))
        {
            result[entry.Key.Value] = Convert(entry.Value, $"{pointer}/{Escape(entry.Key.Value)}", entry.Key.Start);
        }

        return result;
    }

    private static JsonNode? Scalar(YScalar s)
    {
        if (s.IsNull)
        {
            return null;
        }

        if (!s.IsPlain)
        {
            return JsonValue.Create(s.Value);
        }

        if (ScalarKinds.ParseBool(s.Value) is { } flag)
        {
            return JsonValue.Create(flag);
        }

        if (ScalarKinds.TryParseGoInteger(s.Value, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return ScalarKinds.TryParseFloat(s.Value, out var real) ? JsonValue.Create(real) : JsonValue.Create(s.Value);
    }

    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

using System.Buffers;
using System.Text.Json;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Converts a YAML tree to JSON typed the way yip decodes it, and tells where each JSON Pointer came from.</summary>
/// <remarks>
/// The JSON is written straight to UTF-8 for <see cref="JsonDocument"/> (no JSON node tree, no text in between);
/// the pointer map is built only when there is a schema error to place.
/// </remarks>
internal static class YamlToJson
{
    public static JsonDocument ToDocument(YNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>Every JSON Pointer of the converted document, with the YAML key (for mapping values) and value positions.</summary>
    public static Dictionary<string, (SourceSpan? Key, SourceSpan Value)> Locations(YNode node)
    {
        var locations = new Dictionary<string, (SourceSpan? Key, SourceSpan Value)>(StringComparer.Ordinal);
        Locate(node, "", null, locations);
        return locations;
    }

    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static void Write(Utf8JsonWriter writer, YNode node)
    {
        switch (node)
        {
            case YMapping map:
                writer.WriteStartObject();
                foreach (var (key, value) in Members(map))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YSequence list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YScalar scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// The members as a JSON object holds them: a null value leaves a field at its default under yip, exactly like
    /// an absent key; a repeated key keeps its first place and its last value.
    /// </summary>
    private static IEnumerable<(string Key, YNode Value)> Members(YMapping map)
    {
        var entries = map.Entries.Where(e => e.Value is not YScalar { IsNull: true }).ToList();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (entries.All(e => keys.Add(e.Key.Value)))
        {
            return entries.Select(e => (e.Key.Value, e.Value));
        }

        var last = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            last[entry.Key.Value] = entry.Value;
        }

        return entries.Select(e => e.Key.Value).Distinct(StringComparer.Ordinal).Select(k => (k, last[k]));
    }

    private static void WriteScalar(Utf8JsonWriter writer, YScalar s)
    {
        if (s.IsNull)
        {
            writer.WriteNullValue();
        }
        else if (!s.IsPlain)
        {
            writer.WriteStringValue(s.Value);
        }
        else if (ScalarKinds.ParseBool(s.Value) is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else if (ScalarKinds.TryParseGoInteger(s.Value, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (ScalarKinds.TryParseFloat(s.Value, out var real))
        {
            writer.WriteNumberValue(real);
        }
        else
        {
            writer.WriteStringValue(s.Value);
        }
    }

    private static void Locate(YNode node, string pointer, SourceSpan? key, Dictionary<string, (SourceSpan? Key, SourceSpan Value)> locations)
    {
        locations[pointer] = (key, node.Start);
        switch (node)
        {
            case YMapping map:
                foreach (var entry in map.Entries.Where(e => e.Value is not YScalar { IsNull: true }))
                {
                    Locate(entry.Value, $"{pointer}/{Escape(entry.Key.Value)}", entry.Key.Start, locations);
                }

                break;
            case YSequence list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Locate(list.Items[i], $"{pointer}/{i}", null, locations);
                }

                break;
        }
    }
}

using System.Text;
using System.Text.Json;

namespace Kairos.Stages.Packages;

/// <summary>
/// The bundled packages.yaml, compiled ahead of time to JSON (<c>Packages/packages.compiled.json</c>, embedded).
/// </summary>
/// <remarks>
/// Parsing the 23 KB of YAML took about 2.7 ms of every <c>plan</c> and <c>run</c> in the AOT binary; reading the
/// same data from JSON takes a fraction of that. The compiled file carries a fingerprint of the YAML it was made
/// from and is used only for a packages.yaml with that exact text, so a fork's edited copy (or a stale compiled
/// file) always goes through the YAML parser. The tests regenerate the file with <c>KAIROS_UPDATE_GOLDEN=1</c> and
/// fail when it no longer matches the YAML.
/// </remarks>
public static class PackageDataCompiled
{
    public const string ResourceName = "compiled/packages.json";

    /// <summary>The data for <paramref name="yaml"/> from the compiled copy, or null when that copy is of other text.</summary>
    public static PackageData? TryLoad(string yaml)
    {
        using var stream = typeof(PackageDataCompiled).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return TryRead(reader.ReadToEnd(), yaml);
    }

    /// <summary>FNV-1a (64 bit) over the text's UTF-16 code units, and its length: cheap, and no crypto library to start.</summary>
    public static string Fingerprint(string yaml)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in yaml)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return $"fnv1a64:{hash:x16}:{yaml.Length}";
    }

    /// <summary>The compiled form of <paramref name="data"/>, parsed from <paramref name="yaml"/>.</summary>
    public static string Write(PackageData data, string yaml)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("generated_from", "stages/data/packages.yaml; regenerate with KAIROS_UPDATE_GOLDEN=1 dotnet test");
            w.WriteString("source", Fingerprint(yaml));
            WriteStrings(w, "common", data.Common);
            w.WriteStartArray("maps");
            foreach (var map in data.Maps.Values)
            {
                w.WriteStartObject();
                w.WriteString("name", map.Name);
                w.WriteBoolean("by_model", map.ByModel);
                w.WriteStartArray("entries");
                foreach (var (kind, key, arch, model, versions) in map.Entries)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", kind == PackageMapKind.Distro ? "distro" : "family");
                    w.WriteString("key", key);
                    w.WriteString("arch", arch);
                    w.WriteString("model", model);
                    w.WriteStartArray("versions");
                    foreach (var (constraint, packages) in versions.Entries)
                    {
                        w.WriteStartObject();
                        w.WriteString("constraint", constraint);
                        WriteStrings(w, "packages", packages);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The data in <paramref name="json"/> when it was compiled from <paramref name="yaml"/>; null otherwise or when unreadable.</summary>
    public static PackageData? TryRead(string json, string yaml)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("source").GetString() != Fingerprint(yaml))
            {
                return null;
            }

            var maps = new Dictionary<string, PackageMap>(StringComparer.Ordinal);
            foreach (var m in root.GetProperty("maps").EnumerateArray())
            {
                var map = new PackageMap(m.GetProperty("name").GetString()!, m.GetProperty("by_model").GetBoolean());
                foreach (var e in m.GetProperty("entries").EnumerateArray())
                {
                    var versions = e.GetProperty("versions").EnumerateArray()
                        .Select(v => new KeyValuePair<string, IReadOnlyList<string>>(v.GetProperty("constraint").GetString()!, Strings(v.GetProperty("packages"))))
                        .ToList();
                    var kind = e.GetProperty("kind").GetString() == "distro" ? PackageMapKind.Distro : PackageMapKind.Family;
                    map.Add(kind, e.GetProperty("key").GetString()!, e.GetProperty("arch").GetString()!, e.GetProperty("model").GetString()!, new VersionMap(versions));
                }

                maps[map.Name] = map;
            }

            return new PackageData(Strings(root.GetProperty("common")), maps);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];
}

using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A parsed <c>ensure_entities</c>/<c>delete_entities</c> document: its kind and its scalar fields.</summary>
public sealed record Entity(string Kind, IReadOnlyDictionary<string, string> Fields)
{
    public static readonly IReadOnlyList<string> Kinds = ["user", "group", "shadow", "gshadow"];

    public string this[string field] => Fields.TryGetValue(field, out var value) ? value : "";

    public bool Has(string field) => Fields.ContainsKey(field);

    /// <summary>Parses the (already templated) entity YAML; throws <see cref="FormatException"/> without echoing its content.</summary>
    public static Entity Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException error)
        {
            throw new FormatException($"the entity is not valid YAML (line {error.Start.Line}, column {error.Start.Column})", error);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new FormatException("the entity must be a YAML mapping with a 'kind'");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode scalar)
            {
                fields[name] = scalar.Value ?? "";
            }
        }

        var kind = fields.GetValueOrDefault("kind", "");
        return Kinds.Contains(kind)
            ? new Entity(kind, fields)
            : throw new FormatException($"unknown entity kind '{kind}'; expected one of {string.Join(", ", Kinds)}");
    }

    /// <summary>The file a kind edits when the entry gives no path.</summary>
    public string DefaultPath => Kind switch
    {
        "user" => "/etc/passwd",
        "group" => "/etc/group",
        "shadow" => "/etc/shadow",
        _ => "/etc/gshadow",
    };

    /// <summary>The key of the entity's line (its first field).</summary>
    public string Name => Kind switch
    {
        "user" or "shadow" => this["username"],
        "group" => this["group_name"],
        _ => this["name"],
    };
}

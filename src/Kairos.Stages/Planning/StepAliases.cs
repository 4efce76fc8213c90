using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Planning;

/// <summary>Reads <c>stages/data/step-aliases.yaml</c>: kairos-init step names mapped to the bundled step or phase that does their work.</summary>
public static class StepAliases
{
    public const string DataPath = "data/step-aliases.yaml";

    /// <summary>The aliases in file order; no file (an old forked stages directory) means none.</summary>
    public static IReadOnlyList<StepAlias> Parse(string? text, string path = "stages/" + DataPath)
    {
        if (text is null)
        {
            return [];
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("aliases"), out var node) || node is not YamlMappingNode aliases)
        {
            throw new InvalidDataException($"{path}: expected a mapping with 'aliases'");
        }

        return [.. aliases.Children.Select(pair => Alias(path, pair.Key, pair.Value))];
    }

    private static StepAlias Alias(string path, YamlNode key, YamlNode value)
    {
        var name = (key as YamlScalarNode)?.Value ?? "";
        string Field(string field) =>
            value is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(field), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s }
                ? s
                : throw new InvalidDataException($"{path}:{key.Start.Line}:{key.Start.Column}: alias '{name}' needs a '{field}' scalar");
        return new StepAlias(name, Field("skips"), Field("description"));
    }
}

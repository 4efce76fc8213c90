using System.Globalization;
using Kairos.Stages.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media;

/// <summary>
/// Reads a media layout (<c>stages/iso/layout.yaml</c>, <c>uki/</c>, <c>disk/</c>): plain YAML data whose every
/// missing or malformed value is an input error naming the file, line and column.
/// </summary>
internal sealed class LayoutReader
{
    private readonly string _path;

    private LayoutReader(string path, YamlMappingNode root)
    {
        _path = path;
        Root = root;
    }

    /// <summary>The document's top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Opens <paramref name="dataPath"/> of a stage source; <paramref name="what"/> names it in the error for a missing file.</summary>
    public static LayoutReader Open(IStageSource source, string dataPath, string what)
    {
        var path = source.DisplayPath(dataPath);
        var text = source.ReadText(dataPath) ?? throw MediaException.Input($"{path}: missing ({what}; 'kairos-stages stages export DIR' writes it)");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw MediaException.Input($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? new LayoutReader(path, root)
            : throw MediaException.Input($"{path}: expected a mapping");
    }

    public YamlMappingNode Map(YamlMappingNode node, string key) =>
        Child(node, key) as YamlMappingNode ?? throw Missing(node, key, "a mapping");

    public string Text(YamlMappingNode node, string key) =>
        (Child(node, key) as YamlScalarNode)?.Value is { Length: > 0 } value ? value : throw Missing(node, key, "a value");

    /// <summary>The value of an optional key: null when the key is absent, an error when it is there but empty.</summary>
    public string? OptionalText(YamlMappingNode node, string key) => Child(node, key) is null ? null : Text(node, key);

    public long Number(YamlMappingNode node, string key) =>
        long.TryParse(Text(node, key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Missing(node, key, "a whole number");

    public IReadOnlyList<string> List(YamlMappingNode node, string key) =>
        Child(node, key) is YamlSequenceNode list
            ? [.. list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw MediaException.Input($"{_path}:{c.Start.Line}:{c.Start.Column}: '{key}' holds plain values only"))]
            : throw Missing(node, key, "a list");

    /// <summary>A mapping of plain keys to plain values, in file order.</summary>
    public IReadOnlyList<(string Key, string Value)> Pairs(YamlMappingNode node, string key) =>
        [.. Map(node, key).Children.Select(c => (
            (c.Key as YamlScalarNode)?.Value ?? throw Missing(node, key, "a mapping of plain keys"),
            c.Value is YamlScalarNode value ? value.Value ?? "" : throw Missing(node, key, "a mapping of plain values")))];

    public MediaException Missing(YamlMappingNode node, string key, string what) =>
        MediaException.Input($"{_path}:{node.Start.Line}:{node.Start.Column}: '{key}' must be {what}");

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}

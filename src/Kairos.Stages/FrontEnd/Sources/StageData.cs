using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>
/// One data file of a stages directory (<c>data/*.yaml</c>, <c>iso|uki|disk/layout.yaml</c>) read with YamlDotNet's
/// representation model (no reflection, AOT-safe). Every accessor checks what it reads: a missing key, a value of the
/// wrong kind or a bad value is an <see cref="InvalidDataException"/> that starts with <c>file:line:col</c> — the value's
/// position when it is there, its mapping's when it is missing.
/// </summary>
public sealed class StageData
{
    private StageData(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>How errors name the file.</summary>
    public string Path { get; }

    /// <summary>The document's top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Parses <paramref name="text"/>; the first document must be a mapping.</summary>
    public static StageData Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? new StageData(path, root)
            : throw new InvalidDataException(stream.Documents.Count > 0
                ? At(path, stream.Documents[0].RootNode, $"expected a mapping at the top, not {Describe(stream.Documents[0].RootNode)}")
                : $"{path}: expected a mapping at the top, the file is empty");
    }

    /// <summary>Reads <paramref name="dataPath"/> of a stage source; <paramref name="what"/> names it when the file is missing.</summary>
    public static StageData Read(IStageSource source, string dataPath, string what)
    {
        var path = source.DisplayPath(dataPath);
        var text = source.ReadText(dataPath) ?? throw new InvalidDataException($"{path}: missing ({what}; 'kairos-stages stages export DIR' writes it)");
        return Parse(text, path);
    }

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent.</summary>
    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A required mapping.</summary>
    public YamlMappingNode Map(YamlMappingNode node, string key) =>
        AsMap(Child(node, key) ?? throw Missing(node, key, "a mapping"), key);

    /// <summary>An optional mapping: null when the key is absent or has no value.</summary>
    public YamlMappingNode? OptionalMap(YamlMappingNode node, string key) =>
        Child(node, key) is { } value && !IsEmpty(value) ? AsMap(value, key) : null;

    /// <summary><paramref name="value"/> (the value of <paramref name="name"/>) as a mapping.</summary>
    public YamlMappingNode AsMap(YamlNode value, string name) =>
        value as YamlMappingNode ?? throw WrongKind(value, name, "a mapping");

    /// <summary>A required scalar with text.</summary>
    public string Text(YamlMappingNode node, string key) =>
        Scalar(node, key) is { Length: > 0 } text ? text : throw (Child(node, key) is { } value ? WrongKind(value, key, "a value") : Missing(node, key, "a value"));

    /// <summary>An optional scalar with text: null when the key is absent, an error when it is there but empty.</summary>
    public string? OptionalText(YamlMappingNode node, string key) => Child(node, key) is null ? null : Text(node, key);

    /// <summary>An optional scalar that may be empty: null when the key is absent, an error when it is not a scalar.</summary>
    public string? Scalar(YamlMappingNode node, string key) => Child(node, key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value ?? "",
        var other => throw WrongKind(other, key, "a value"),
    };

    /// <summary>A required whole number (digits only).</summary>
    public long Number(YamlMappingNode node, string key) =>
        long.TryParse(Text(node, key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw WrongKind(Child(node, key)!, key, "a whole number");

    /// <summary>The items of a required list, each to be read by the caller.</summary>
    public IReadOnlyList<YamlNode> Items(YamlMappingNode node, string key) =>
        Child(node, key) switch
        {
            null => throw Missing(node, key, "a list"),
            YamlSequenceNode list => [.. list.Children],
            var other => throw WrongKind(other, key, "a list"),
        };

    /// <summary>A required list of values with text.</summary>
    public IReadOnlyList<string> List(YamlMappingNode node, string key) =>
        AsList(Child(node, key) ?? throw Missing(node, key, "a list"), key);

    /// <summary>An optional list of values with text: empty when the key is absent.</summary>
    public IReadOnlyList<string> OptionalList(YamlMappingNode node, string key) =>
        Child(node, key) is { } value ? AsList(value, key) : [];

    /// <summary><paramref name="value"/> (the value of <paramref name="name"/>) as a list of values with text.</summary>
    public IReadOnlyList<string> AsList(YamlNode value, string name) =>
        value is YamlSequenceNode list
            ? [.. list.Children.Select(item => item is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw WrongKind(item, $"an item of '{name}'", "a value"))]
            : throw WrongKind(value, name, "a list");

    /// <summary>The entries of an optional mapping in file order (none when <paramref name="value"/> is null or empty); keys must be plain values.</summary>
    public IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlNode? value, string name) =>
        value is null || IsEmpty(value)
            ? []
            : [.. AsMap(value, name).Children.Select(c => (c.Key is YamlScalarNode { Value: { } key } ? key : throw WrongKind(c.Key, $"a key of '{name}'", "a value"), c.Key, c.Value))];

    /// <summary>A required mapping of plain keys to plain values (values may be empty), in file order.</summary>
    public IReadOnlyList<(string Key, string Value)> Pairs(YamlMappingNode node, string key) =>
        [.. Entries(Map(node, key), key).Select(e => (e.Key, e.Value is YamlScalarNode scalar ? scalar.Value ?? "" : throw WrongKind(e.Value, $"{key}.{e.Key}", "a value")))];

    /// <summary>An error at <paramref name="node"/>'s position.</summary>
    public InvalidDataException Error(YamlNode node, string message) => new(At(Path, node, message));

    private InvalidDataException Missing(YamlMappingNode node, string key, string what) => Error(node, $"'{key}' is missing (it must be {what})");

    /// <summary>The error for a value of the wrong kind; <paramref name="name"/> is a key (quoted in the message) or a phrase such as <c>an item of 'key'</c>.</summary>
    private InvalidDataException WrongKind(YamlNode value, string name, string what) =>
        Error(value, $"{(name.Contains(' ', StringComparison.Ordinal) ? name : $"'{name}'")} must be {what}, not {Describe(value)}");

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" } scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

    private static string At(string path, YamlNode node, string message) => $"{path}:{node.Start.Line}:{node.Start.Column}: {message}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };
}

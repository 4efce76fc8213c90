using Kairos.Stages.FrontEnd.Diagnostics;
using YamlDotNet.Core;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>A scalar as written: its text, quoting style and explicit tag.</summary>
public sealed class YScalar(SourceSpan start, string value, ScalarStyle style, string? tag) : YNode(start)
{
    public string Value { get; } = value;
    public ScalarStyle Style { get; } = style;
    public string? Tag { get; } = tag;

    /// <summary>Plain (unquoted, untagged) scalars are the only ones YAML resolves to numbers, bools and null.</summary>
    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any && Tag is null;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL" || Tag == "tag:yaml.org,2002:null";

    public override string Describe() => IsNull ? "null" : IsPlain && ScalarKinds.IsNumber(Value) ? "a number" : "a string";
}

using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Recording;

/// <summary>
/// A copy of a step's YAML fit for the image's stage dump: values under secret-looking keys
/// (passwd, password, token, secret, api key, credential, private key, authorization) become
/// <c>***</c>, and every other scalar goes through <see cref="Redaction"/> (URL credentials,
/// Authorization values, password assignments inside entity texts and commands).
/// </summary>
public static partial class DumpRedaction
{
    public const string Mask = "***";

    public static YamlNode Scrub(YamlNode node, bool secret = false) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar, secret),
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(c => Scrub(c, secret))) { Style = sequence.Style, Tag = sequence.Tag },
        YamlMappingNode mapping => Mapping(mapping),
        _ => node,
    };

    private static YamlMappingNode Mapping(YamlMappingNode mapping)
    {
        var copy = new YamlMappingNode { Style = mapping.Style, Tag = mapping.Tag };
        foreach (var (key, value) in mapping.Children)
        {
            copy.Add(key, Scrub(value, key is YamlScalarNode { Value: { } name } && SecretKey().IsMatch(name)));
        }

        return copy;
    }

    private static YamlScalarNode Scalar(YamlScalarNode scalar, bool secret)
    {
        var value = scalar.Value ?? "";
        var redacted = secret && value.Length > 0 ? Mask : Redaction.Redact(value);
        if (redacted == value)
        {
            return scalar;
        }

        // "***" is an alias indicator when plain: quote whatever was plain.
        var style = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded or ScalarStyle.SingleQuoted ? scalar.Style : ScalarStyle.DoubleQuoted;
        return new YamlScalarNode(redacted) { Style = style, Tag = scalar.Tag };
    }

    [GeneratedRegex(@"(?i)passw|secret|token|api_?key|credential|private_?key|authorization")]
    private static partial Regex SecretKey();
}

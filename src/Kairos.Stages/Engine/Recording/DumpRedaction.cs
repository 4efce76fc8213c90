using Kairos.Stages.Target.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Engine.Recording;

/// <summary>
/// A copy of a step's YAML fit for the image's stage dump: values under secret keys (<see cref="SecretKeys"/>) become
/// <c>***</c>, and every other scalar goes through <see cref="Redaction"/> (URL credentials,
/// Authorization values, password assignments inside entity texts and commands).
/// </summary>
public static class DumpRedaction
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
            copy.Add(key, Scrub(value, key is YamlScalarNode { Value: { } name } && SecretKeys.IsSecret(name)));
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
}

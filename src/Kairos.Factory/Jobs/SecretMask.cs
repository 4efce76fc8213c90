using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Target.Secrets;
using YamlDotNet.RepresentationModel;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Masks a build's secrets in everything the Factory shows of it (log lines, SSE and WebSocket frames, failure
/// messages): the engine's <see cref="Redaction"/> first (URL credentials, Authorization values, password
/// assignments), then the API token and the values of the cloud-config's secret keys (<see cref="SecretKeys"/>, the
/// stage dump's rule) as whole values: <c>passwd: kairos</c> masks <c>kairos</c> standing alone, never the inside of
/// <c>kairos-stages</c> (a mask there would spell out the password).
/// </summary>
public sealed class SecretMask
{
    /// <summary>Nodes a cloud-config walk visits at most (request validation refuses more, see YamlBudget).</summary>
    public const int MaxNodes = 50_000;

    private readonly Regex? _values;

    public SecretMask(IEnumerable<string> secrets)
    {
        var distinct = secrets.Where(secret => secret.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(secret => secret.Length).ToList();
        _values = distinct.Count == 0 ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}_-])(?:{string.Join('|', distinct.Select(Regex.Escape))})(?![\p{{L}}\p{{N}}_-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Apply(string text)
    {
        var redacted = Redaction.Redact(text);
        return _values is null ? redacted : _values.Replace(redacted, DumpRedaction.Mask);
    }

    /// <summary>
    /// Scalar values under secret keys anywhere in a cloud-config; each node is visited once per key context (an alias
    /// is not walked again), at most <see cref="MaxNodes"/> visits, and the walk stops when <paramref name="cancellation"/> fires.
    /// </summary>
    public static IReadOnlyList<string> FromCloudConfig(string? cloudConfig, CancellationToken cancellation = default)
    {
        if (cloudConfig is null)
        {
            return [];
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(cloudConfig));
        if (yaml.Documents.Count == 0)
        {
            return []; // the header alone: an empty config
        }

        var found = new List<string>();
        // by reference: YamlNode's own equality compares whole subtrees (exponential on an alias bomb)
        HashSet<YamlNode>[] seen = [new(ReferenceEqualityComparer.Instance), new(ReferenceEqualityComparer.Instance)];
        var pending = new Stack<(YamlNode Node, bool Secret)>();
        pending.Push((yaml.Documents[0].RootNode, false));
        while (pending.TryPop(out var item))
        {
            cancellation.ThrowIfCancellationRequested();
            if (!seen[item.Secret ? 1 : 0].Add(item.Node))
            {
                continue;
            }

            if (seen[0].Count + seen[1].Count > MaxNodes)
            {
                throw new InvalidDataException($"the cloud-config has more than {MaxNodes} nodes");
            }

            switch (item.Node)
            {
                case YamlScalarNode scalar when item.Secret && scalar.Value is { Length: > 0 } value:
                    found.Add(value);
                    break;
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        pending.Push((value, item.Secret || (key is YamlScalarNode { Value: { } name } && SecretKeys.IsSecret(name))));
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        pending.Push((child, item.Secret));
                    }

                    break;
            }
        }

        return found;
    }
}

using YamlDotNet.RepresentationModel;

namespace Kairos.Factory.Jobs;

/// <summary>Replaces known secrets (the API token, values of password/token/key fields in the cloud-config) with *** in log lines.</summary>
public sealed class SecretMask
{
    private readonly string[] _secrets;

    public SecretMask(IEnumerable<string> secrets) =>
        _secrets = [.. secrets.Where(secret => secret.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(secret => secret.Length)];

    public string Apply(string line) =>
        _secrets.Aggregate(line, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));

    /// <summary>Scalar values under keys that name secrets (passwd, password, token, key, secret) anywhere in a cloud-config.</summary>
    public static IEnumerable<string> FromCloudConfig(string? cloudConfig)
    {
        if (cloudConfig is null)
        {
            return [];
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(cloudConfig));
        var found = new List<string>();
        Walk(yaml.Documents[0].RootNode, secret: false, found);
        return found;
    }

    private static void Walk(YamlNode node, bool secret, List<string> found)
    {
        switch (node)
        {
            case YamlScalarNode scalar when secret && scalar.Value is { Length: > 0 } value:
                found.Add(value);
                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value?.ToLowerInvariant() ?? "";
                    Walk(value, secret || name.Contains("pass", StringComparison.Ordinal) || name.Contains("token", StringComparison.Ordinal)
                        || name.Contains("secret", StringComparison.Ordinal) || name.EndsWith("key", StringComparison.Ordinal), found);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Walk(item, secret, found);
                }

                break;
        }
    }
}

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Rendering.Functions;

/// <summary>The artifact pins of <c>stages/data/artifacts.yaml</c>, resolved per arch, FIPS and k8s version.</summary>
public sealed class ArtifactCatalog(IReadOnlyDictionary<string, ArtifactSpec> specs)
{
    public const string DataPath = "data/artifacts.yaml";

    public IReadOnlyCollection<string> Names => [.. specs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The pinned release tag of <paramref name="name"/> (e.g. v2.31.4), or null when the catalog has no such artifact.</summary>
    public string? PinnedVersion(string name) => specs.TryGetValue(name, out var spec) ? spec.Version : null;

    /// <summary>Reads the catalog with the YAML representation model (no reflection).</summary>
    public static ArtifactCatalog Parse(string text, string path = "stages/" + DataPath)
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

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "artifacts") is not YamlMappingNode artifacts)
        {
            throw new InvalidDataException($"{path}: expected a mapping with 'artifacts'");
        }

        var specs = new Dictionary<string, ArtifactSpec>(StringComparer.Ordinal);
        foreach (var (key, value) in artifacts.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (value is not YamlMappingNode node)
            {
                throw new InvalidDataException($"{path}:{key.Start.Line}: artifact '{name}' must be a mapping");
            }

            specs[name] = new ArtifactSpec
            {
                Name = name,
                Version = Scalar(node, "version") ?? throw Missing(path, name, "version"),
                UrlPattern = Scalar(node, "url") ?? throw Missing(path, name, "url"),
                Path = Scalar(node, "path") ?? throw Missing(path, name, "path"),
                Arches = Strings(node, "arches"),
                Extract = Scalar(node, "extract") ?? "",
                Mode = Scalar(node, "mode") ?? "0755",
                HasFipsTwin = Scalar(node, "fips") == "true",
                FollowsK8sVersion = Scalar(node, "k8s_version") == "true",
                Sha256 = Strings(node, "sha256"),
            };
        }

        return new ArtifactCatalog(specs);
    }

    /// <summary>
    /// The artifact for an arch; FIPS picks the <c>-fips</c> twin when one exists; a k8s version overrides the pin of k3s/k0s;
    /// a <paramref name="mirror"/> base URL replaces everything before the release file name.
    /// </summary>
    public ResolvedArtifact Resolve(string name, string arch, bool fips, string k8sVersion = "", string mirror = "")
    {
        if (!specs.TryGetValue(name, out var spec))
        {
            throw new ArgumentException($"artifact: unknown artifact '{name}' (known: {string.Join(", ", Names)})");
        }

        var version = spec.FollowsK8sVersion && k8sVersion.Length > 0 ? k8sVersion : spec.Version;
        var useFips = fips && spec.HasFipsTwin;
        var url = spec.Arches.TryGetValue(arch, out var spelling)
            ? spec.UrlPattern
                .Replace("{version_url}", version.Replace("+", "%2B", StringComparison.Ordinal), StringComparison.Ordinal)
                .Replace("{version}", version, StringComparison.Ordinal)
                .Replace("{arch}", spelling, StringComparison.Ordinal)
                .Replace("{fips}", useFips ? "-fips" : "", StringComparison.Ordinal)
            : "";
        if (mirror.Length > 0 && url.Length > 0)
        {
            url = mirror.TrimEnd('/') + "/" + url[(url.LastIndexOf('/') + 1)..];
        }

        var digest = version == spec.Version && spec.Sha256.TryGetValue(useFips ? arch + "-fips" : arch, out var sha) ? sha : "";
        return new ResolvedArtifact(spec.Name, version, url, digest, spec.Extract, spec.Path, spec.Mode);
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static Dictionary<string, string> Strings(YamlMappingNode node, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(node, key) is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                result[((YamlScalarNode)k).Value ?? ""] = (v as YamlScalarNode)?.Value ?? "";
            }
        }

        return result;
    }

    private static InvalidDataException Missing(string path, string name, string key) =>
        new($"{path}: artifact '{name}' has no '{key}'");
}

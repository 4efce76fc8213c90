using Kairos.Stages.FrontEnd.Sources;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>The artifact pins of <c>stages/data/artifacts.yaml</c>, resolved per arch, FIPS and k8s version.</summary>
public sealed class ArtifactCatalog(IReadOnlyDictionary<string, ArtifactSpec> specs)
{
    public const string DataPath = "data/artifacts.yaml";

    public IReadOnlyCollection<string> Names => [.. specs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The pinned release tag of <paramref name="name"/> (e.g. v2.31.4), or null when the catalog has no such artifact.</summary>
    public string? PinnedVersion(string name) => specs.TryGetValue(name, out var spec) ? spec.Version : null;

    /// <summary>Reads the catalog through <see cref="StageData"/>.</summary>
    /// <exception cref="InvalidDataException">the file is malformed (the message starts with <c>file:line:col</c>).</exception>
    public static ArtifactCatalog Parse(string text, string path = "stages/" + DataPath)
    {
        var data = StageData.Parse(text, path);
        var specs = new Dictionary<string, ArtifactSpec>(StringComparer.Ordinal);
        foreach (var (name, _, value) in data.Entries(data.Map(data.Root, "artifacts"), "artifacts"))
        {
            var node = data.AsMap(value, name);
            specs[name] = new ArtifactSpec
            {
                Name = name,
                Version = data.Text(node, "version"),
                UrlPattern = data.Text(node, "url"),
                Path = data.Text(node, "path"),
                Arches = Strings(data, node, "arches"),
                Extract = data.Scalar(node, "extract") ?? "",
                Mode = data.Scalar(node, "mode") ?? "0755",
                HasFipsTwin = data.Scalar(node, "fips") == "true",
                FollowsK8sVersion = data.Scalar(node, "k8s_version") == "true",
                Sha256 = Strings(data, node, "sha256"),
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

    private static Dictionary<string, string> Strings(StageData data, YamlMappingNode node, string key) =>
        data.OptionalMap(node, key) is null ? new(StringComparer.Ordinal) : data.Pairs(node, key).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

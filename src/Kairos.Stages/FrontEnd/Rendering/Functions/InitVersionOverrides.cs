using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>
/// kairos-init's <c>/etc/kairos/.init_versions.yaml</c> in the target root: per-image versions of the binaries it
/// installs (keys <c>agent</c>, <c>immucore</c>, <c>kcrypt_challenger</c>, <c>provider</c>, <c>edgevpn</c>). kairos-stages
/// installs only the releases pinned in <c>stages/data/artifacts.yaml</c>, so a file that names another version is
/// refused with the way to get that version (fork the stages and change the pin); a file that is empty or names the
/// pinned versions changes nothing and is accepted. kairos-init ignores a file it cannot parse; here that is an error too.
/// </summary>
public static class InitVersionOverrides
{
    public const string FilePath = "/etc/kairos/.init_versions.yaml";

    /// <summary>kairos-init's key → the artifact of artifacts.yaml it sets the version of.</summary>
    public static IReadOnlyList<(string Key, string Artifact)> Keys { get; } =
    [
        ("agent", "kairos-agent"), ("immucore", "immucore"), ("kcrypt_challenger", "kcrypt-discovery-challenger"),
        ("provider", "provider-kairos"), ("edgevpn", "edgevpn"),
    ];

    /// <summary>Why the root's file cannot be honoured (empty: no file, or nothing that differs from the pins); <paramref name="catalog"/> is read only when the file names a version.</summary>
    public static IReadOnlyList<string> Check(string root, Func<ArtifactCatalog> catalog)
    {
        if (Target.Platform.RootPath.TryResolve(root, FilePath) is not { } host || !File.Exists(host))
        {
            return [];
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(host)));
        }
        catch (Exception e) when (e is YamlException or IOException or UnauthorizedAccessException)
        {
            var where = e is YamlException y ? $":{y.Start.Line}:{y.Start.Column}" : "";
            return [$"{FilePath}{where}: cannot be read as YAML: {e.Message}"];
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var node = stream.Documents[0].RootNode;
            return [$"{FilePath}:{node.Start.Line}:{node.Start.Column}: expected a mapping of {string.Join(", ", Keys.Select(k => k.Key))} to versions"];
        }

        var problems = new List<string>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var at = $"{FilePath}:{keyNode.Start.Line}:{keyNode.Start.Column}";
            if (Keys.FirstOrDefault(k => k.Key == key) is not { Artifact: { } artifact })
            {
                problems.Add($"{at}: '{key}' is not one of kairos-init's keys ({string.Join(", ", Keys.Select(k => k.Key))})");
                continue;
            }

            var wanted = (valueNode as YamlScalarNode)?.Value ?? "";
            var pinned = catalog().PinnedVersion(artifact) ?? "";
            if (wanted.Length > 0 && wanted.TrimStart('v') != pinned.TrimStart('v'))
            {
                problems.Add(
                    $"{at}: {key}: {wanted} asks for {artifact} {wanted}, and kairos-stages installs the pinned {artifact} {pinned} only. " +
                    $"To build with {wanted}: 'kairos-stages stages export DIR', set artifacts.{artifact}.version (and its sha256) in DIR/data/artifacts.yaml, " +
                    $"run with --stages-dir DIR, and remove {FilePath}");
            }
        }

        return problems;
    }
}

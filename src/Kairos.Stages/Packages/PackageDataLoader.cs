using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Packages;

/// <summary>Reads packages.yaml with the YAML representation model (no reflection, AOT-safe).</summary>
public static class PackageDataLoader
{
    public static PackageData Parse(string text, string path = "stages/data/packages.yaml")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PackageDataException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PackageDataException($"{path}: expected a mapping with 'common' and 'maps'");
        }

        var reader = new Reader(path);
        var common = reader.Strings(reader.Child(root, "common"));
        var maps = new Dictionary<string, PackageMap>(StringComparer.Ordinal);
        foreach (var (name, node) in reader.Pairs(reader.Child(root, "maps")))
        {
            maps[name] = reader.Map(name, node);
        }

        return new PackageData(common, maps);
    }

    private sealed class Reader(string path)
    {
        public YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

        public IEnumerable<(string Key, YamlNode Value)> Pairs(YamlNode? node)
        {
            if (node is null || (node is YamlScalarNode { Value: null or "" }))
            {
                yield break;
            }

            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, "expected a mapping");
            }

            foreach (var (key, value) in mapping.Children)
            {
                yield return (((YamlScalarNode)key).Value ?? "", value);
            }
        }

        public IReadOnlyList<string> Strings(YamlNode? node)
        {
            if (node is null)
            {
                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                throw Error(node, "expected a list of package names");
            }

            return [.. sequence.Children.Select(item => item is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Error(item, "expected a package name"))];
        }

        public PackageMap Map(string name, YamlNode node)
        {
            var map = new PackageMap(name, name.EndsWith("-models", StringComparison.Ordinal));
            foreach (var (section, keys) in Pairs(node))
            {
                var kind = section switch
                {
                    "distros" => PackageMapKind.Distro,
                    "families" => PackageMapKind.Family,
                    _ => throw Error(node, $"map '{name}': unknown section '{section}' (distros or families)"),
                };
                foreach (var (key, arches) in Pairs(keys))
                {
                    foreach (var (arch, inner) in Pairs(arches))
                    {
                        if (map.ByModel)
                        {
                            foreach (var (model, versions) in Pairs(inner))
                            {
                                map.Add(kind, key, arch, model, Versions(versions));
                            }
                        }
                        else
                        {
                            map.Add(kind, key, arch, "", Versions(inner));
                        }
                    }
                }
            }

            return map;
        }

        private VersionMap Versions(YamlNode node)
        {
            var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
            foreach (var (constraint, list) in Pairs(node))
            {
                if (!ConstraintKey.IsValid(constraint))
                {
                    throw Error(node, $"invalid version constraint '{constraint}'");
                }

                entries.Add(new(constraint, Strings(list)));
            }

            return new VersionMap(entries);
        }

        private PackageDataException Error(YamlNode node, string message) =>
            new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");
    }
}

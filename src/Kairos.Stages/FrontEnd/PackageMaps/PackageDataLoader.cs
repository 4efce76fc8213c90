using Kairos.Stages.FrontEnd.Sources;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Reads packages.yaml through <see cref="StageData"/> (no reflection, AOT-safe).</summary>
public static class PackageDataLoader
{
    /// <exception cref="InvalidDataException">the file is malformed (the message starts with <c>file:line:col</c>).</exception>
    public static PackageData Parse(string text, string path = "stages/data/packages.yaml")
    {
        var data = StageData.Parse(text, path);
        var common = data.OptionalList(data.Root, "common");
        var maps = new Dictionary<string, PackageMap>(StringComparer.Ordinal);
        foreach (var (name, _, node) in data.Entries(StageData.Child(data.Root, "maps"), "maps"))
        {
            maps[name] = Map(data, name, node);
        }

        return new PackageData(common, maps);
    }

    private static PackageMap Map(StageData data, string name, YamlNode node)
    {
        var map = new PackageMap(name, name.EndsWith("-models", StringComparison.Ordinal));
        foreach (var (section, sectionNode, keys) in data.Entries(node, name))
        {
            var kind = section switch
            {
                "distros" => PackageMapKind.Distro,
                "families" => PackageMapKind.Family,
                _ => throw data.Error(sectionNode, $"map '{name}': unknown section '{section}' (distros or families)"),
            };
            foreach (var (key, _, arches) in data.Entries(keys, section))
            {
                foreach (var (arch, _, inner) in data.Entries(arches, key))
                {
                    if (map.ByModel)
                    {
                        foreach (var (model, _, versions) in data.Entries(inner, arch))
                        {
                            map.Add(kind, key, arch, model, Versions(data, versions, model));
                        }
                    }
                    else
                    {
                        map.Add(kind, key, arch, "", Versions(data, inner, arch));
                    }
                }
            }
        }

        return map;
    }

    private static VersionMap Versions(StageData data, YamlNode node, string name)
    {
        var entries = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var (constraint, constraintNode, list) in data.Entries(node, name))
        {
            if (!ConstraintKey.IsValid(constraint))
            {
                throw data.Error(constraintNode, $"invalid version constraint '{constraint}'");
            }

            entries.Add(new(constraint, data.AsList(list, constraint)));
        }

        return new VersionMap(entries);
    }
}

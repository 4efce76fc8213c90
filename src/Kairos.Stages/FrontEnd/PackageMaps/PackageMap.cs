namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>One named map of packages.yaml: (distro|family) → arch (or <c>common</c>) → [model →] version map.</summary>
public sealed class PackageMap
{
    private readonly Dictionary<(PackageMapKind, string, string, string), VersionMap> _entries = [];

    public PackageMap(string name, bool byModel)
    {
        Name = name;
        ByModel = byModel;
    }

    public string Name { get; }

    /// <summary>True for the <c>*-models</c> maps, which have a model level under the arch.</summary>
    public bool ByModel { get; }

    public void Add(PackageMapKind kind, string key, string arch, string model, VersionMap versions) =>
        _entries[(kind, key, arch, model)] = versions;

    /// <summary>Every position and its version map, in the order they were added (file order).</summary>
    public IEnumerable<(PackageMapKind Kind, string Key, string Arch, string Model, VersionMap Versions)> Entries =>
        _entries.Select(e => (e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Key.Item4, e.Value));

    /// <summary>The version map at that position, or null when the data has none.</summary>
    public VersionMap? Find(PackageMapKind kind, string key, string arch, string model = "") =>
        _entries.GetValueOrDefault((kind, key, arch, ByModel ? model : ""));
}

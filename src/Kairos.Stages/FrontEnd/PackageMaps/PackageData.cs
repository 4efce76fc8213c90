namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>The parsed content of <c>stages/data/packages.yaml</c>: the common list and the named maps.</summary>
public sealed record PackageData(IReadOnlyList<string> Common, IReadOnlyDictionary<string, PackageMap> Maps)
{
    /// <summary>The map of that name, or an empty one (so a fork may drop a map it does not need).</summary>
    public PackageMap Map(string name) => Maps.GetValueOrDefault(name) ?? new PackageMap(name, name.EndsWith("-models", StringComparison.Ordinal));
}

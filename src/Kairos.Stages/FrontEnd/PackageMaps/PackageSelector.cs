using Kairos.Stages.Target.Versions;
namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Resolves the base and kernel package lists from packages.yaml with kairos-init's selection rules.</summary>
public sealed class PackageSelector(PackageData data)
{
    public const string Generic = "generic";
    private const string CommonArch = "common";

    /// <summary>Names of the lists templates can ask for with <c>packages "…"</c>.</summary>
    public static IReadOnlyList<string> ListNames { get; } = ["base", "kernel"];

    /// <summary>The list named <paramref name="name"/> (<c>base</c> or <c>kernel</c>); null for an unknown name.</summary>
    public IReadOnlyList<string>? Select(string name, PackageTarget target) => name switch
    {
        "base" => Base(target),
        "kernel" => Kernel(target),
        _ => null,
    };

    /// <summary>Common packages, then base (+ model) maps, then systemd-boot (trusted boot) or grub + immucore maps.</summary>
    public IReadOnlyList<string> Base(PackageTarget target)
    {
        var maps = new List<VersionMap?>();
        maps.AddRange(FourLookups(data.Map("base"), target, ""));
        if (target.Model != Generic)
        {
            maps.AddRange(FourLookups(data.Map("base-models"), target, target.Model));
        }

        if (target.TrustedBoot)
        {
            maps.AddRange(FourLookups(data.Map("systemd"), target, ""));
        }
        else
        {
            maps.AddRange(FourLookups(data.Map("grub"), target, ""));
            maps.AddRange(FourLookups(data.Map("immucore"), target, ""));
        }

        return Finish([.. data.Common, .. Filter(maps, target)], target);
    }

    /// <summary>Kernel packages: a distro entry overrides the family one; non-generic models use kernel-models only.</summary>
    public IReadOnlyList<string> Kernel(PackageTarget target)
    {
        var maps = new List<VersionMap?>();
        if (target.Model != Generic)
        {
            maps.AddRange(FourLookups(data.Map("kernel-models"), target, target.Model));
        }
        else
        {
            var map = data.Map(target.TrustedBoot ? "kernel-trusted-boot" : "kernel");
            var distroCommon = map.Find(PackageMapKind.Distro, target.Distro, CommonArch);
            var distroArch = map.Find(PackageMapKind.Distro, target.Distro, target.Arch);
            maps.Add(distroCommon);
            maps.Add(distroArch);
            if (distroCommon is null && distroArch is null)
            {
                maps.Add(map.Find(PackageMapKind.Family, target.Family, CommonArch));
                maps.Add(map.Find(PackageMapKind.Family, target.Family, target.Arch));
            }
        }

        return Finish(Filter(maps, target), target);
    }

    private static IEnumerable<VersionMap?> FourLookups(PackageMap map, PackageTarget target, string model)
    {
        yield return map.Find(PackageMapKind.Distro, target.Distro, CommonArch, model);
        yield return map.Find(PackageMapKind.Family, target.Family, CommonArch, model);
        yield return map.Find(PackageMapKind.Distro, target.Distro, target.Arch, model);
        yield return map.Find(PackageMapKind.Family, target.Family, target.Arch, model);
    }

    private static IEnumerable<string> Filter(IEnumerable<VersionMap?> maps, PackageTarget target)
    {
        // An OS version that does not parse selects nothing from the maps, not even "common" entries.
        if (!HashicorpVersion.TryParse(target.Version, out var version))
        {
            return [];
        }

        return maps
            .SelectMany(map => map?.Entries ?? [])
            .Where(entry => ConstraintKey.Matches(entry.Key, version))
            .SelectMany(entry => entry.Value);
    }

    private static IReadOnlyList<string> Finish(IEnumerable<string> packages, PackageTarget target) =>
        [.. packages.Select(name => PackagePlaceholders.Substitute(name, target)).Distinct(StringComparer.Ordinal)];
}

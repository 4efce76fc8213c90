namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Which namespace a package-map key lives in: a distro id or a family name (kept apart, as upstream).</summary>
public enum PackageMapKind
{
    Distro,
    Family,
}

using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Engine.PackageManagers;

/// <summary>Picks the package manager from os-release <c>ID</c> (yip's table), with <c>ID_LIKE</c> containing <c>suse</c> as the fallback.</summary>
public static class PackageManagerResolver
{
    /// <summary>The manager for this os-release, or null when yip would report "unknown distro".</summary>
    public static PackageManager? Resolve(OsRelease os) => os.Id switch
    {
        "debian" or "ubuntu" => PackageManager.Apt,
        "fedora" or "rocky" or "ol" or "almalinux" or "rhel" or "centos" or "openEuler" => PackageManager.Dnf,
        "arch" => PackageManager.Pacman,
        "alpine" => PackageManager.Apk,
        "opensuse-leap" or "opensuse-tumbleweed" or "suse" => PackageManager.Zypper,
        _ when os.IdLike.Contains("suse") => PackageManager.Zypper,
        _ => null,
    };

    /// <summary>The sentence used when no manager fits.</summary>
    public static string UnknownMessage(OsRelease os) =>
        $"no package manager known for os-release ID '{os.Id}'" + (os.IdLike.Count > 0 ? $" (ID_LIKE '{string.Join(' ', os.IdLike)}')" : "") +
        "; supported: debian, ubuntu (apt-get), fedora, rhel, centos, rocky, almalinux, ol, openEuler (dnf), opensuse-*, suse or ID_LIKE=suse (zypper), alpine (apk), arch (pacman)";
}

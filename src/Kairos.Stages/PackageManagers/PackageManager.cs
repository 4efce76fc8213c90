namespace Kairos.Stages.PackageManagers;

/// <summary>A package manager's exact command lines (yip's strings) and the environment they run with.</summary>
public sealed record PackageManager(string Name, string Refresh, string Upgrade, string InstallPrefix, string RemovePrefix)
{
    public static PackageManager Apt { get; } = new("apt-get", "apt-get -y update", "apt-get -y upgrade",
        "apt-get -y --no-install-recommends install", "apt-get -y remove")
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DEBIAN_FRONTEND"] = "noninteractive" },
    };

    public static PackageManager Dnf { get; } = new("dnf", "dnf makecache", "dnf update -y",
        "dnf install -y --setopt=install_weak_deps=False", "dnf remove -y");

    public static PackageManager Zypper { get; } = new("zypper", "zypper refresh", "zypper update -y",
        "zypper install -y --no-recommends", "zypper remove -y");

    public static PackageManager Apk { get; } = new("apk", "apk update", "apk upgrade --no-cache",
        "apk add --no-cache", "apk del --no-cache");

    public static PackageManager Pacman { get; } = new("pacman", "pacman -Sy --noconfirm", "pacman -Syu --noconfirm",
        "pacman -S --noconfirm", "pacman -R --noconfirm");

    /// <summary>Extra environment for every command (apt: <c>DEBIAN_FRONTEND=noninteractive</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string Install(IEnumerable<string> packages) => $"{InstallPrefix} {string.Join(' ', packages)}";

    public string Remove(IEnumerable<string> packages) => $"{RemovePrefix} {string.Join(' ', packages)}";
}

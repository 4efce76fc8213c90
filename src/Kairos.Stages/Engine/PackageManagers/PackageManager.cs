using Kairos.Stages.Engine.PackageManagers.Progress;

namespace Kairos.Stages.Engine.PackageManagers;

/// <summary>A package manager's exact command lines (yip's strings) and the environment they run with.</summary>
public sealed record PackageManager(string Name, string Refresh, string Upgrade, string InstallPrefix, string RemovePrefix)
{
    public static PackageManager Apt { get; } = new("apt-get", "apt-get -y update", "apt-get -y upgrade",
        "apt-get -y --no-install-recommends install", "apt-get -y remove")
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DEBIAN_FRONTEND"] = "noninteractive" },
        ProgressSuffix = AptProgressParser.StatusOption,
        ProgressParser = () => new AptProgressParser(),
        SourcePaths = ["/etc/apt/sources.list", "/etc/apt/sources.list.d", "/etc/apt/trusted.gpg", "/etc/apt/trusted.gpg.d", "/etc/apt/keyrings", "/etc/apt/preferences.d", "/etc/apt/apt.conf.d"],
    };

    public static PackageManager Dnf { get; } = new("dnf", "dnf makecache", "dnf update -y",
        "dnf install -y --setopt=install_weak_deps=False", "dnf remove -y")
    {
        ProgressParser = () => new DnfProgressParser(),
        SourcePaths = ["/etc/yum.repos.d", "/etc/dnf/dnf.conf", "/etc/dnf/vars", "/etc/pki/rpm-gpg", "/etc/os-release"],
    };

    public static PackageManager Zypper { get; } = new("zypper", "zypper refresh", "zypper update -y",
        "zypper install -y --no-recommends", "zypper remove -y")
    {
        ProgressParser = () => new ZypperProgressParser(),
        SourcePaths = ["/etc/zypp/repos.d", "/etc/zypp/services.d", "/etc/zypp/zypp.conf", "/etc/os-release"],
    };

    public static PackageManager Apk { get; } = new("apk", "apk update", "apk upgrade --no-cache",
        "apk add --no-cache", "apk del --no-cache")
    {
        ProgressParser = () => new ApkProgressParser(),
        SourcePaths = ["/etc/apk/repositories", "/etc/apk/keys", "/etc/apk/arch"],
    };

    public static PackageManager Pacman { get; } = new("pacman", "pacman -Sy --noconfirm", "pacman -Syu --noconfirm",
        "pacman -S --noconfirm", "pacman -R --noconfirm")
    {
        SourcePaths = ["/etc/pacman.conf", "/etc/pacman.d"],
    };

    /// <summary>
    /// The files and directories that decide what a refresh fetches (repositories, keys, options):
    /// while their content is unchanged, a second refresh in the same run fetches nothing new.
    /// </summary>
    public IReadOnlyList<string> SourcePaths { get; init; } = [];

    /// <summary>Extra environment for every command (apt: <c>DEBIAN_FRONTEND=noninteractive</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Appended to each command so the manager reports machine-readable progress (apt: its Status-Fd on stdout); empty when its plain output has the counts.</summary>
    public string ProgressSuffix { get; init; } = "";

    /// <summary>Makes a parser for one command's output (null: this manager's output has no counts we read).</summary>
    public Func<IPackageProgressParser>? ProgressParser { get; init; }

    public string Install(IEnumerable<string> packages) => $"{InstallPrefix} {string.Join(' ', packages)}";

    public string Remove(IEnumerable<string> packages) => $"{RemovePrefix} {string.Join(' ', packages)}";
}

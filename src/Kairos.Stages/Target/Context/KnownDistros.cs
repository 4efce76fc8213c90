namespace Kairos.Stages.Target.Context;

/// <summary>kairos-init's known distro ids and their families.</summary>
public static class KnownDistros
{
    public const string Unknown = "unknown";

    /// <summary>Known os-release ID → family. Note <c>centos</c> is not known (CentOS Stream resolves to rhel via ID_LIKE).</summary>
    public static IReadOnlyDictionary<string, string> Families { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["debian"] = "debian",
        ["ubuntu"] = "debian",
        ["fedora"] = "redhat",
        ["rocky"] = "redhat",
        ["almalinux"] = "redhat",
        ["ol"] = "redhat",
        ["rhel"] = "redhat",
        ["arch"] = "arch",
        ["alpine"] = "alpine",
        ["opensuse-leap"] = "suse",
        ["opensuse-tumbleweed"] = "suse",
        ["sles"] = "suse",
        ["sle-micro-rancher"] = "suse",
        ["hadron"] = "hadron",
    };

    /// <summary>ID_LIKE tokens that name only a family, with the distro kairos-init assumes for them.</summary>
    public static IReadOnlyDictionary<string, string> FamilyMarkers { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["redhat"] = "fedora",
        ["suse"] = "opensuse-leap",
    };
}

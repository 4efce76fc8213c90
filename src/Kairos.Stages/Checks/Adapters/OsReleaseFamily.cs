namespace Kairos.Stages.Checks.Adapters;

/// <summary>
/// Temporary: kairos-init's family of a root from its os-release ID and ID_LIKE, until the shared
/// <c>DistroDetector</c> lands (the lead swaps it in <see cref="CheckContextFactory"/>).
/// </summary>
internal static class OsReleaseFamily
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["ubuntu"] = "debian",
        ["debian"] = "debian",
        ["fedora"] = "redhat",
        ["rhel"] = "redhat",
        ["redhat"] = "redhat",
        ["centos"] = "redhat",
        ["rocky"] = "redhat",
        ["almalinux"] = "redhat",
        ["ol"] = "redhat",
        ["opensuse-leap"] = "suse",
        ["opensuse-tumbleweed"] = "suse",
        ["opensuse"] = "suse",
        ["sles"] = "suse",
        ["sle-micro-rancher"] = "suse",
        ["suse"] = "suse",
        ["alpine"] = "alpine",
        ["arch"] = "arch",
        ["hadron"] = "hadron",
    };

    /// <summary>The family, or null when os-release is missing or names no known distro.</summary>
    public static string? Detect(Platform.IRootFileSystem files)
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            if (!files.FileExists(path))
            {
                continue;
            }

            var values = EnvFile.Parse(files.ReadAllText(path));
            var tokens = new List<string> { values.GetValueOrDefault("ID", "") };
            tokens.AddRange(values.GetValueOrDefault("ID_LIKE", "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return tokens.Select(t => Families.GetValueOrDefault(t.ToLowerInvariant())).FirstOrDefault(f => f is not null);
        }

        return null;
    }
}

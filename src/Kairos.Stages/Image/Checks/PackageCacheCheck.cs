namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [CACHE] (warning only): no package manager caches or index lists are left in the image; they add size
/// and go stale. Looks at apt, dnf (dnf5 keeps its cache in /var/cache/libdnf5), yum, zypper and apk cache directories.
/// </summary>
public sealed class PackageCacheCheck : IImageCheck
{
    /// <summary>Cache directories, the entries in them that are normal to keep, and the clean command.</summary>
    private static readonly (string Directory, string[] Keep, string Clean)[] Caches =
    [
        ("/var/lib/apt/lists", ["lock", "partial", "auxfiles"], "apt-get clean && rm -rf /var/lib/apt/lists/*"),
        ("/var/cache/apt/archives", ["lock", "partial"], "apt-get clean"),
        ("/var/cache/dnf", [], "dnf clean all && rm -rf /var/cache/dnf/*"),
        ("/var/cache/libdnf5", [], "dnf clean all && rm -rf /var/cache/libdnf5/*"),
        ("/var/cache/yum", [], "yum clean all && rm -rf /var/cache/yum/*"),
        ("/var/cache/zypp", [], "zypper clean -a && rm -rf /var/cache/zypp/*"),
        ("/var/cache/apk", [], "rm -rf /var/cache/apk/*"),
    ];

    public string Tag => "CACHE";

    public string Title => "no package manager caches";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        foreach (var (directory, keep, clean) in Caches)
        {
            if (!context.Files.DirectoryExists(directory))
            {
                continue;
            }

            var leftovers = context.Files.ListDirectory(directory).Where(n => !keep.Contains(n)).ToList();
            if (leftovers.Count > 0)
            {
                findings.Add(CheckFinding.Warn(Tag, $"{directory} holds {leftovers.Count} cached entries (e.g. {leftovers[0]})", $"clean it: {clean} (the cleanup step does this)"));
            }
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, "no apt, dnf, yum, zypper or apk caches left"));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }
}

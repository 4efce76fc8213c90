using Kairos.Stages.Target.Platform;
using Kairos.Stages.Target.Versions;

namespace Kairos.Stages.Image.Kernel;

/// <summary>
/// Picks the kernel of an image from the directory names of <c>/lib/modules</c> (kairos-init's rules,
/// with the Fedora/RHEL ordering fixed): rpi3/rpi4 prefer <c>-raspi</c>; otherwise the highest version
/// when every versioned name parses leniently; when one does not, the newest by RPM-like ordering
/// rather than the first alphabetically; names with no version number at all keep kairos-init's first entry.
/// </summary>
public static class KernelChooser
{
    public const string ModulesDirectory = "/lib/modules";

    public static KernelLookup Choose(IReadOnlyList<string> moduleDirNames, string model)
    {
        var names = moduleDirNames.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return KernelLookup.Failed($"no kernel versions found in {ModulesDirectory}");
        }

        if (model is "rpi3" or "rpi4")
        {
            var raspi = names.Where(n => n.EndsWith("-raspi", StringComparison.Ordinal)).ToList();
            if (raspi.Count > 0)
            {
                return HighestVersion(raspi, KernelRule.RaspiVersion)
                    ?? KernelLookup.Of(new KernelChoice(raspi[^1], KernelRule.RaspiLexicographic));
            }
        }

        // A name that parses or starts with a number carries a version. When one of them does not parse
        // (Fedora/RHEL "…el9_5.x86_64"), all are ordered RPM-like, so the newest wins even in a mix;
        // with no version at all, kairos-init's choice (the first entry) stands.
        var versioned = names.Where(n => char.IsAsciiDigit(n[0]) || HashicorpVersion.TryParse(n, out _)).ToList();
        if (versioned.Count > 0 && versioned.All(n => HashicorpVersion.TryParse(n, out _)))
        {
            return HighestVersion(versioned, KernelRule.Version)!;
        }

        return versioned.Count > 0
            ? KernelLookup.Of(new KernelChoice(versioned.Max(RpmVersionComparer.Instance)!, KernelRule.RpmOrder))
            : KernelLookup.Of(new KernelChoice(names[0], KernelRule.FirstEntry));
    }

    /// <summary>Reads the kernel directories of <c>/lib/modules</c> inside the root (a <c>/lib</c> link to <c>/usr/lib</c> is followed within the root) and chooses one.</summary>
    public static KernelLookup ChooseInRoot(IRootFileSystem files, string model)
    {
        if (!files.DirectoryExists(ModulesDirectory))
        {
            return KernelLookup.Failed($"no kernel versions found in {ModulesDirectory}: the directory does not exist");
        }

        try
        {
            var directories = files.ListDirectory(ModulesDirectory)
                .Where(name => files.DirectoryExists($"{ModulesDirectory}/{name}"))
                .ToList();
            return Choose(directories, model);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return KernelLookup.Failed($"cannot read {ModulesDirectory}: {e.Message}");
        }
    }

    private static KernelLookup? HighestVersion(List<string> names, KernelRule rule)
    {
        string? best = null;
        HashicorpVersion? bestVersion = null;
        foreach (var name in names)
        {
            if (HashicorpVersion.TryParse(name, out var version) && (bestVersion is null || KernelVersionComparer.Instance.Compare(version, bestVersion) > 0))
            {
                best = name;
                bestVersion = version;
            }
        }

        return best is null ? null : KernelLookup.Of(new KernelChoice(best, rule));
    }
}

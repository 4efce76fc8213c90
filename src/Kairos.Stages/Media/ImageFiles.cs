using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Media;

/// <summary>The files of a Kairos image that build-iso needs: kairos-release, kernel, initrd, and the EFI binaries when the image has them.</summary>
public sealed record ImageFiles(KairosReleaseFile Release, string Kernel, string Initrd)
{
    /// <summary>Checks the root is a Kairos image; otherwise exit 2 naming the missing file and the command that makes it.</summary>
    public static ImageFiles Find(string root, IsoLayout layout)
    {
        var releasePath = InRoot(root, "/etc/kairos-release");
        if (releasePath is null || !File.Exists(releasePath))
        {
            throw MediaException.Input($"{root}: /etc/kairos-release is missing: not a Kairos image (make one with 'kairos-stages run --root {root} --version VERSION')");
        }

        var release = KairosReleaseFile.Parse(File.ReadAllText(releasePath));
        var kernel = FindBoot(root, layout.KernelPrefixes)
            ?? throw MediaException.Input($"{root}: no kernel in /boot (a file starting with {string.Join(", ", layout.KernelPrefixes)}): run 'kairos-stages run --root {root} --stage install' (installKernel) and '--stage init' (kernel)");
        var initrd = FindBoot(root, layout.InitrdPrefixes)
            ?? throw MediaException.Input($"{root}: no initrd in /boot (a file starting with {string.Join(", ", layout.InitrdPrefixes)}): run 'kairos-stages run --root {root} --stage init' (its initrd step builds /boot/initrd)");
        return new ImageFiles(release, kernel, initrd);
    }

    /// <summary>The first of <paramref name="candidates"/> (paths inside the image) that exists, resolved on the host; null when none does.</summary>
    public static string? FirstExisting(string root, IEnumerable<string> candidates) =>
        candidates.Select(c => InRoot(root, c)).FirstOrDefault(p => p is not null && File.Exists(p));

    /// <summary>
    /// A path inside the image, as a host path, following symbolic links inside the image (an absolute link target
    /// means the image's root, never the host's) through Platform's confined resolver; null when it does not exist, for a
    /// dangling link or a loop.
    /// </summary>
    public static string? InRoot(string root, string path) =>
        RootPath.TryResolve(root, path) is { } host && (File.Exists(host) || Directory.Exists(host)) ? host : null;

    /// <summary>/boot's first file whose name starts with one of the prefixes: an exact name first, then in ordinal order, dangling links skipped.</summary>
    public static string? FindBoot(string root, IReadOnlyList<string> prefixes)
    {
        var boot = InRoot(root, "/boot");
        if (boot is null || !Directory.Exists(boot))
        {
            return null;
        }

        var names = Directory.GetFileSystemEntries(boot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        foreach (var prefix in prefixes)
        {
            foreach (var name in names.Where(n => n == prefix).Concat(names.Where(n => n != prefix && n.StartsWith(prefix, StringComparison.Ordinal))))
            {
                if (InRoot(root, "/boot/" + name) is { } file && File.Exists(file))
                {
                    return file;
                }
            }
        }

        return null;
    }
}

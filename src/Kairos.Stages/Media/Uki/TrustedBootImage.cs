namespace Kairos.Stages.Media.Uki;

/// <summary>The files of a Trusted Boot image build-uki needs: kairos-release (with KAIROS_TRUSTED_BOOT=true), os-release, the kernel and its version, immucore.</summary>
public sealed record TrustedBootImage(KairosReleaseFile Release, string OsRelease, string Kernel, string KernelVersion)
{
    public static TrustedBootImage Find(string root, UkiLayout layout, string source)
    {
        var releasePath = ImageFiles.InRoot(root, "/etc/kairos-release");
        if (releasePath is null || !File.Exists(releasePath))
        {
            throw MediaException.Input($"source {source}: /etc/kairos-release is missing: not a Kairos image (make a Trusted Boot one with 'kairos-stages run --root ROOT -t true --version VERSION')");
        }

        var release = KairosReleaseFile.Parse(File.ReadAllText(releasePath));
        if (release.Get("KAIROS_TRUSTED_BOOT") != "true")
        {
            var value = release.Get("KAIROS_TRUSTED_BOOT") is { Length: > 0 } v ? $"is '{v}'" : "is missing";
            throw MediaException.Input($"source {source}: KAIROS_TRUSTED_BOOT in /etc/kairos-release {value}: not a Trusted Boot image (build it with 'kairos-stages run --root ROOT -t true --version VERSION')");
        }

        if (release.Get("KAIROS_ARCH") is { Length: > 0 } arch && arch != "amd64")
        {
            throw MediaException.Input($"source {source}: KAIROS_ARCH is {arch}; build-uki makes x86-64 UKIs (Debian's systemd-boot-efi stub for amd64)");
        }

        var osRelease = ImageFiles.FirstExisting(root, ["/etc/os-release", "/usr/lib/os-release"])
            ?? throw MediaException.Input($"source {source}: no /etc/os-release (the UKI's .osrel)");
        if (ImageFiles.FirstExisting(root, [layout.InitLink]) is null)
        {
            throw MediaException.Input($"source {source}: no {layout.InitLink}: the UKI's /init runs it (kairos-stages run installs it: kairosBinaries)");
        }

        var kernel = ImageFiles.FindBoot(root, layout.KernelPrefixes)
            ?? throw MediaException.Input($"source {source}: no kernel in /boot (a file starting with {string.Join(", ", layout.KernelPrefixes)}): run 'kairos-stages run --root ROOT -t true --stage install' (installKernel)");
        return new TrustedBootImage(release, osRelease, kernel, VersionOf(root, kernel, layout));
    }

    /// <summary>The kernel's version: its file name after the prefix (vmlinuz-6.1.0-18-amd64), else the one directory in /lib/modules.</summary>
    private static string VersionOf(string root, string kernel, UkiLayout layout)
    {
        var name = Path.GetFileName(kernel);
        foreach (var prefix in layout.KernelPrefixes)
        {
            if (name.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                return name[(prefix.Length + 1)..];
            }
        }

        var modules = ImageFiles.InRoot(root, "/usr/lib/modules") is { } m && Directory.Exists(m) ? Directory.GetDirectories(m) : [];
        return modules.Length == 1 ? Path.GetFileName(modules[0]) : "";
    }
}

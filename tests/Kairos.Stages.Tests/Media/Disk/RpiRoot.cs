namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>
/// An arm64 Kairos root holding the files of Debian 12's real arm64 packages a Pi disk is made from (raspi-firmware from
/// non-free-firmware, u-boot-rpi, the kernel linux-image-arm64 points at, grub-efi-arm64-bin), unpacked with dpkg-deb -x,
/// no emulation. The .debs come from deb.debian.org once per machine (apt-get download with a private source list and
/// state, the host's apt untouched) into /var/cache/kairos-stages-ci. Kernel modules are dropped (the layout tests read
/// no module); the initrd is only bytes, as in <see cref="FakeDiskRoot"/>.
/// </summary>
internal static class RpiRoot
{
    public const string Kernel = "linux-image-arm64";
    private const string Sources = """
        deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main non-free-firmware
        deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main

        """;

    private static readonly string[] ModuleDirectories = ["lib/modules", "usr/lib/modules"];
    private static readonly string[] Packages = ["raspi-firmware", "u-boot-rpi", "grub-efi-arm64-bin"];

    /// <summary>Why the packages cannot be fetched or unpacked here, or null.</summary>
    public static string? Unavailable() =>
        !File.Exists("/usr/bin/apt-get") || !File.Exists("/usr/bin/dpkg-deb") ? "needs apt-get and dpkg-deb (a Debian host)"
        : !File.Exists("/usr/share/keyrings/debian-archive-keyring.gpg") ? "needs debian-archive-keyring"
        : null;

    /// <summary>The root under <paramref name="directory"/>, with <c>KAIROS_MODEL=<paramref name="model"/></c>.</summary>
    public static string Create(string directory, string model)
    {
        var root = Directory.CreateDirectory(Path.Combine(directory, "root-" + model)).FullName;
        var debs = Path.Combine(CachedFile.Directory("/var/cache/kairos-stages-ci", CachedFile.Cold), "rpi-debs-bookworm-arm64.tar");
        CachedFile.Ensure(debs, Download, TimeSpan.FromMinutes(15));
        var unpacked = Directory.CreateDirectory(Path.Combine(directory, "debs-" + model)).FullName;
        Programs.Run("tar", "-xf", debs, "-C", unpacked);
        foreach (var deb in Directory.GetFiles(unpacked, "*.deb").Order(StringComparer.Ordinal))
        {
            Programs.Run("dpkg-deb", "-x", deb, root);
        }

        Directory.Delete(unpacked, recursive: true);
        foreach (var modules in ModuleDirectories.Select(m => Path.Combine(root, m)).Where(Directory.Exists))
        {
            Directory.Delete(modules, recursive: true);
        }

        var release = FakeKairosRoot.Release.Replace("amd64", "arm64", StringComparison.Ordinal).Replace("\"generic\"", $"\"{model}\"", StringComparison.Ordinal);
        Write(root, "etc/kairos-release", release);
        Write(root, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        Write(root, "etc/cos/grub.cfg", File.ReadAllText(Path.Combine(Support.Golden.ProjectDirectory, "../../stages/assets/grub/grub.cfg")));
        Write(root, "boot/initrd", "not an initrd\n");
        var kernel = Path.GetFileName(Directory.GetFiles(Path.Combine(root, "boot"), "vmlinuz-*").Single());
        File.CreateSymbolicLink(Path.Combine(root, "boot", "vmlinuz"), kernel);
        return root;
    }

    /// <summary>The kernel package's version directory under /usr/lib (its device trees are in broadcom/).</summary>
    public static string KernelLib(string root) => Directory.GetDirectories(Path.Combine(root, "usr", "lib"), "linux-image-*").Single();

    private static void Download(string tarball)
    {
        var work = Directory.CreateTempSubdirectory("ks-rpi-debs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(work, "sources.list"), Sources);
            Directory.CreateDirectory(Path.Combine(work, "lists", "partial"));
            Directory.CreateDirectory(Path.Combine(work, "cache", "archives", "partial"));
            string[] apt =
            [
                "-o", $"Dir::Etc::SourceList={work}/sources.list", "-o", "Dir::Etc::SourceParts=/dev/null", "-o", $"Dir::State::Lists={work}/lists",
                "-o", $"Dir::Cache={work}/cache", "-o", "APT::Architecture=arm64", "-o", "APT::Architectures::=arm64", "-o", "APT::Sandbox::User=root",
            ];
            Programs.Run(["apt-get", .. apt, "update"], input: null);

            // the metapackage names the kernel of the day: download that one
            var depends = Programs.Run(["apt-cache", .. apt, "depends", Kernel], input: null);
            var kernel = depends.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Depends: linux-image-", StringComparison.Ordinal))["Depends: ".Length..];
            var debs = Directory.CreateDirectory(Path.Combine(work, "debs")).FullName;
            Programs.Run(["apt-get", .. apt, "download", .. Packages, kernel], input: null, workingDirectory: debs);
            Programs.Run("tar", "-cf", tarball, "-C", debs, ".");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

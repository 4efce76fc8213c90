using System.Diagnostics;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Media;

namespace Kairos.Stages.Tests.Containers;

/// <summary>build-iso run by the published binary on a container image, and what its ISO must hold: the image's own kernel, initrd and kairos-release.</summary>
internal static class IsoOfImage
{
    /// <summary>What the ISO is compared with, read from the image's files.</summary>
    internal sealed record ImageFacts(string Release, string KernelSha256, string InitrdSha256)
    {
        public static ImageFacts Read(string root) =>
            new(File.ReadAllText(Path.Combine(root, "etc/kairos-release")), Sha256(InImage(root, "boot/vmlinuz")), Sha256(InImage(root, "boot/initrd")));

        public Dictionary<string, string> Fields => Release.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
    }

    public static async Task<(int Code, string Stdout, string Stderr, TimeSpan Elapsed)> BuildIsoAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(PublishedBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build-iso");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, stderr, clock.Elapsed);
    }

    /// <summary>
    /// The ISO build-iso printed on stdout is named from the image's kairos-release (AuroraBoot's name), has its checksum
    /// beside it and nothing else in <paramref name="output"/>, the live layout and both boot records, and this image's
    /// kernel, initrd and kairos-release byte for byte. Returns the ISO's path.
    /// </summary>
    public static async Task<string> AssertLiveIsoAsync(string stdout, string output, ImageFacts image, string version)
    {
        var fields = image.Fields;
        Assert.Equal("debian", fields["KAIROS_FLAVOR"]);
        var name = $"kairos-debian-12-{fields["KAIROS_VARIANT"]}-amd64-{fields["KAIROS_MODEL"]}-{version}";
        var iso = Path.Combine(output, name + ".iso");
        Assert.Equal(iso, stdout.Trim());
        Assert.Equal([name + ".iso", name + ".iso.sha256"], IsoTools.Leftovers(output).Order(StringComparer.Ordinal));
        Assert.Contains(": OK", Programs.Run("sh", "-c", $"cd '{output}' && sha256sum -c '{name}.iso.sha256'"));

        Assert.Contains("Volume Id    : COS_LIVE", Programs.Run("xorriso", "-indev", iso, "-pvd_info"));
        var tree = string.Join('\n', IsoTools.List(iso));
        foreach (var path in new[] { "/boot/kernel", "/boot/initrd", "/rootfs.squashfs", "/boot/uefi.img", "/boot/eltorito.img", "/boot/grub2/grub.cfg", "/EFI/BOOT/grub.cfg" })
        {
            Assert.Contains($"'{path}'", tree);
        }

        var records = Programs.Run("xorriso", "-indev", iso, "-report_el_torito", "plain");
        Assert.Matches(@"El Torito boot img :\s+1\s+BIOS\s+y\s+none", records);
        Assert.Matches(@"El Torito boot img :\s+2\s+UEFI\s+y\s+none", records);

        var scratch = Directory.CreateTempSubdirectory("ks-iso-read-").FullName;
        try
        {
            Assert.Equal(image.KernelSha256, Sha256(IsoTools.Extract(iso, "/boot/kernel", scratch)));
            Assert.Equal(image.InitrdSha256, Sha256(IsoTools.Extract(iso, "/boot/initrd", scratch)));
            var squashfs = IsoTools.Extract(iso, "/rootfs.squashfs", scratch);
            Programs.Run("unsquashfs", "-d", Path.Combine(scratch, "release"), squashfs, "etc/kairos-release");
            Assert.Equal(image.Release, await File.ReadAllTextAsync(Path.Combine(scratch, "release/etc/kairos-release"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return iso;
    }

    /// <summary>The file at <paramref name="path"/> in an image's root, its absolute links (e.g. /boot/vmlinuz) resolved inside the image, not on the host.</summary>
    private static string InImage(string root, string path)
    {
        var host = Path.Combine(root, path);
        for (var hops = 0; new FileInfo(host).LinkTarget is { } target && hops < 10; hops++)
        {
            host = target.StartsWith('/') ? Path.Combine(root, target.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(host)!, target);
        }

        return host;
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(file));
    }
}

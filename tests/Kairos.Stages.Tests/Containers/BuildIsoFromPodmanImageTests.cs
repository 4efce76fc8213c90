using System.Diagnostics;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Media;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// build-iso with a local container image by name: the published binary, its podman pointed at the
/// tests' private store through CONTAINERS_STORAGE_CONF (as a rootless user's podman reads its own
/// store), the image examples/generic built there by the other podman tests (built once per run).
/// </summary>
[Collection("EndToEnd")]
public sealed class BuildIsoFromPodmanImageTests(PodmanImages images)
{
    [Fact]
    public async Task Generic_image_by_name_makes_the_live_ISO_of_that_image()
    {
        if ((PodmanImages.Unavailable() ?? IsoTools.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var tag = images.Generic().Tag;
        var storage = images.Storage();
        var output = Directory.CreateTempSubdirectory("ks-iso-podman-").FullName;
        var scratch = Directory.CreateTempSubdirectory("ks-iso-podman-read-").FullName;
        try
        {
            // act
            var (code, stdout, stderr, elapsed) = await BuildIsoAsync(storage.EnvironmentForOtherPrograms(), tag, "--output", output);

            // assert: AuroraBoot's name from the image's kairos-release, the checksum beside it, nothing else left
            Assert.True(code == 0, stderr);
            Assert.Contains($"saving local image {tag} with podman", stderr);
            string release = "", kernel = "", initrd = "";
            ImageChecks.OnFiles(storage, tag, root =>
            {
                release = File.ReadAllText(Path.Combine(root, "etc/kairos-release"));
                kernel = Sha256(InImage(root, "boot/vmlinuz"));
                initrd = Sha256(InImage(root, "boot/initrd"));
            });
            var fields = release.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
            Assert.Equal("debian", fields["KAIROS_FLAVOR"]);
            var name = $"kairos-debian-12-{fields["KAIROS_VARIANT"]}-amd64-{fields["KAIROS_MODEL"]}-v1.0.0";
            var iso = Path.Combine(output, name + ".iso");
            Assert.Equal(iso, stdout.Trim());
            Assert.Equal([name + ".iso", name + ".iso.sha256"], IsoTools.Leftovers(output).Order(StringComparer.Ordinal));
            Assert.Contains(": OK", DebianRoot.Run("sh", "-c", $"cd '{output}' && sha256sum -c '{name}.iso.sha256'"));

            // the live layout and both boot records
            Assert.Contains("Volume Id    : COS_LIVE", DebianRoot.Run("xorriso", "-indev", iso, "-pvd_info"));
            var tree = string.Join('\n', IsoTools.List(iso));
            foreach (var path in new[] { "/boot/kernel", "/boot/initrd", "/rootfs.squashfs", "/boot/uefi.img", "/boot/eltorito.img", "/boot/grub2/grub.cfg", "/EFI/BOOT/grub.cfg" })
            {
                Assert.Contains($"'{path}'", tree);
            }

            var records = DebianRoot.Run("xorriso", "-indev", iso, "-report_el_torito", "plain");
            Assert.Matches(@"El Torito boot img :\s+1\s+BIOS\s+y\s+none", records);
            Assert.Matches(@"El Torito boot img :\s+2\s+UEFI\s+y\s+none", records);

            // this image's kernel, initrd and kairos-release, byte for byte
            Assert.Equal(kernel, Sha256(IsoTools.Extract(iso, "/boot/kernel", scratch)));
            Assert.Equal(initrd, Sha256(IsoTools.Extract(iso, "/boot/initrd", scratch)));
            var squashfs = IsoTools.Extract(iso, "/rootfs.squashfs", scratch);
            DebianRoot.Run("unsquashfs", "-d", Path.Combine(scratch, "release"), squashfs, "etc/kairos-release");
            Assert.Equal(release, await File.ReadAllTextAsync(Path.Combine(scratch, "release/etc/kairos-release"), TestContext.Current.CancellationToken));
            Figures.Report("build-iso-podman-name", 1, 1, elapsed, $"{tag}: ISO {new FileInfo(iso).Length} bytes");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Image_name_not_in_the_store_exits_2_naming_it_and_leaves_nothing()
    {
        if ((PodmanStorage.Unavailable() ?? PublishedBinary.Missing()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: an empty private store
        using var storage = new PodmanStorage();
        var output = Directory.CreateTempSubdirectory("ks-iso-podman-missing-").FullName;
        try
        {
            // act
            var (code, stdout, stderr, _) = await BuildIsoAsync(storage.EnvironmentForOtherPrograms(), "localhost/no-such-kairos-image:1", "--output", output);

            // assert
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("no image named 'localhost/no-such-kairos-image:1' in podman's local store", stderr);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("name with spaces")]
    [InlineData("$(touch /tmp/x)")]
    [InlineData("../etc")]
    public async Task Text_that_is_no_image_name_exits_2_before_any_tool_runs(string source)
    {
        var output = Directory.CreateTempSubdirectory("ks-iso-badname-").FullName;
        try
        {
            var result = await IsoTools.BuildIsoAsync(source, "--output", output);
            Assert.Equal(2, result.Code);
            Assert.Contains("not dir:PATH, ocifile:PATH or a container image name", result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr, TimeSpan Elapsed)> BuildIsoAsync(Dictionary<string, string> environment, params string[] args)
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

    /// <summary>The file at <paramref name="path"/> in the mounted image, its absolute links (e.g. /boot/vmlinuz) resolved inside the image, not on the host.</summary>
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


namespace Kairos.Stages.Tests.Media;

/// <summary>Bad sources and outputs: a non-zero exit naming the cause, and no ISO (nor work directory) left behind.</summary>
public sealed class BuildIsoBadSourceTests
{
    [Fact]
    public async Task Root_without_kairos_release_exits_2_naming_the_file_and_the_command_that_makes_it()
    {
        using var root = new FakeKairosRoot();
        File.Delete(root.In("etc/kairos-release"));
        await AssertFailsAsync(root, 2, "/etc/kairos-release is missing", "kairos-stages run --root");
    }

    [Fact]
    public async Task Root_without_a_kernel_exits_2_naming_the_kernel_and_the_install_stage()
    {
        using var root = new FakeKairosRoot();
        File.Delete(root.In("boot/vmlinuz"));
        File.Delete(root.In("boot/vmlinuz-6.1.0-1-amd64"));
        await AssertFailsAsync(root, 2, "no kernel in /boot", "--stage install");
    }

    [Fact]
    public async Task Dangling_kernel_link_counts_as_no_kernel()
    {
        using var root = new FakeKairosRoot();
        File.Delete(root.In("boot/vmlinuz-6.1.0-1-amd64"));
        await AssertFailsAsync(root, 2, "no kernel in /boot");
    }

    [Fact]
    public async Task Root_without_an_initrd_exits_2_naming_the_initrd_step()
    {
        using var root = new FakeKairosRoot();
        File.Delete(root.In("boot/initrd"));
        await AssertFailsAsync(root, 2, "no initrd in /boot", "--stage init");
    }

    [Fact]
    public async Task Unreadable_tarball_exits_2_naming_the_archive()
    {
        var output = Directory.CreateTempSubdirectory("ks-iso-bad-").FullName;
        var archive = Path.Combine(output, "..", Path.GetRandomFileName() + ".tar");
        await File.WriteAllTextAsync(archive, "this is not a tar archive, just text that goes on for long enough to fill a header block".PadRight(1024, '!'), TestContext.Current.CancellationToken);
        try
        {
            var result = await IsoTools.BuildIsoAsync($"ocifile:{archive}", "--output", output);
            Assert.Equal(2, result.Code);
            Assert.Contains(Path.GetFullPath(archive), result.Error);
            Assert.Contains("tar archive", result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            File.Delete(archive);
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Output_directory_that_cannot_be_made_exits_2_naming_it()
    {
        using var root = new FakeKairosRoot();
        var file = Path.Combine(root.Path, "etc/os-release");
        var result = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", Path.Combine(file, "out"));
        Assert.Equal(2, result.Code);
        Assert.Contains("--output", result.Error);
        Assert.Contains("cannot write there", result.Error);
    }

    [Fact]
    public async Task Disk_full_while_squashing_exits_1_naming_mksquashfs_and_leaves_nothing()
    {
        if (Environment.UserName != "root" || IsoTools.Unavailable() is not null)
        {
            Assert.Skip("needs root (a small tmpfs as the output directory) and the ISO tools");
        }

        // arrange: a root bigger than the 8 MiB output file system, in bytes that do not compress
        using var root = new FakeKairosRoot();
        var noise = new byte[24 * 1024 * 1024];
        Random.Shared.NextBytes(noise);
        Directory.CreateDirectory(root.In("usr/share"));
        await File.WriteAllBytesAsync(root.In("usr/share/noise.bin"), noise, TestContext.Current.CancellationToken);
        var output = Directory.CreateTempSubdirectory("ks-iso-full-").FullName;
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", output);
        try
        {
            // act
            var result = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", output);

            // assert
            Assert.Equal(1, result.Code);
            Assert.Contains("squashing the image root failed", result.Error);
            Assert.Contains("mksquashfs", result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Programs.Run("umount", output);
            Directory.Delete(output);
        }
    }

    private static async Task AssertFailsAsync(FakeKairosRoot root, int code, params string[] messages)
    {
        var output = Directory.CreateTempSubdirectory("ks-iso-bad-").FullName;
        try
        {
            var result = await IsoTools.BuildIsoAsync($"dir:{root.Path}", "--output", output);
            Assert.Equal(code, result.Code);
            foreach (var message in messages)
            {
                Assert.Contains(message, result.Error);
            }

            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

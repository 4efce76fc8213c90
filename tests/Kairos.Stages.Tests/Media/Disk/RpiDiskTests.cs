using System.Text.Json;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>
/// build-disk's Raspberry Pi disks from a root of Debian 12's real arm64 packages (<see cref="RpiRoot"/>), read back with
/// sfdisk (the GPT and the hybrid MBR), blkid, mtools, cmp and file; no emulation. The rest of the disk is the EFI disk's
/// (<see cref="BuildDiskTests"/>). A QEMU raspi3b boot of such a disk is described in the README (not a test: the
/// emulated board has no GPU firmware, so it only shows U-Boot onwards).
/// </summary>
[Slow(SlowKind.Long)]
public sealed class RpiDiskTests : IDisposable
{
    private const long Sectors96MiB = 96L * 2048;
    private readonly string _scratch = Directory.CreateTempSubdirectory("ks-rpi-disk-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Rpi4_image_gets_a_hybrid_mbr_disk_with_firmware_u_boot_and_grub_in_a_fat32_first_partition()
    {
        SkipUnlessAvailable();
        var root = RpiRoot.Create(_scratch, "rpi4");
        var raw = await BuildAsync(root, "rpi4-out"); // no --model: the image's KAIROS_MODEL says rpi4
        Assert.Equal("kairos-debian-12-core-arm64-rpi4-v1.0.0.raw", Path.GetFileName(raw));

        // the GPT is the EFI disk's, with a 96 MiB first partition
        var (diskId, parts) = DiskTools.Table(raw);
        Assert.Equal("2CEFF841-4C1D-5A14-8E46-ED3AEB621093", diskId);
        Assert.Equal(["efi", "oem", "recovery"], parts.Select(p => p.Name));
        Assert.Equal("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", parts[0].Type);
        Assert.Equal("81444E82-66B3-5ED2-961B-497665F12BE2", parts[0].Uuid);
        Assert.Equal([2048, Sectors96MiB], new[] { parts[0].Start, parts[0].Size });
        Assert.Equal([2048 + Sectors96MiB, 64L * 2048], new[] { parts[1].Start, parts[1].Size });

        // the MBR the Pi's firmware reads: FAT32 (LBA) over partition 1, then 0xEE from LBA 1 up to it
        Assert.Equal([("c", 2048L, Sectors96MiB), ("ee", 1L, 2047L)], MbrEntries(raw));

        var boot = DiskTools.ExtractPartition(raw, 0, _scratch);
        var blkid = Programs.Run("blkid", "-p", boot);
        Assert.Contains("LABEL=\"COS_GRUB\"", blkid);
        Assert.Contains("VERSION=\"FAT32\"", blkid);
        var names = Listing(boot, "::/");
        Assert.Superset(new HashSet<string> { "config.txt", "u-boot.bin", "start4.elf", "fixup4.dat", "start4x.elf", "fixup4x.dat", "bcm2711-rpi-4-b.dtb", "bcm2711-rpi-400.dtb" }, names);
        Assert.DoesNotContain("bootcode.bin", names); // the Pi 4 boots from its EEPROM
        Assert.DoesNotContain("start.elf", names);
        Assert.Contains("bcm2711-rpi-4-b.dtb", Listing(boot, "::/dtb/broadcom"));

        var config = Programs.Run("mtype", "-i", boot, "::/config.txt");
        Assert.Contains("\narm_64bit=1\n", config);
        Assert.Contains("\nkernel=u-boot.bin\n", config);
        Assert.True(SameFile(boot, "::/u-boot.bin", Path.Combine(root, "usr/lib/u-boot/rpi_4/u-boot.bin")), "u-boot.bin is u-boot-rpi's rpi_4 build");
        Assert.True(SameFile(boot, "::/start4.elf", Path.Combine(root, "usr/lib/raspi-firmware/start4.elf")), "start4.elf is raspi-firmware's");
        Assert.True(SameFile(boot, "::/bcm2711-rpi-4-b.dtb", Path.Combine(RpiRoot.KernelLib(root), "broadcom/bcm2711-rpi-4-b.dtb")), "the device tree is the kernel package's");

        var grub = Path.Combine(_scratch, "bootaa64.efi");
        Programs.Run("mcopy", "-i", boot, "::/EFI/BOOT/BOOTAA64.EFI", grub);
        Assert.Contains("EFI application", Programs.Run("file", grub));
        Assert.Contains("Aarch64", Programs.Run("file", grub));
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "usr/lib/grub/arm64-efi/monolithic/grubaa64.efi")), File.ReadAllBytes(grub));
        foreach (var chain in new[] { "::/EFI/BOOT/grub.cfg", "::/EFI/debian/grub.cfg" }) // Debian's monolithic grub looks in /EFI/debian
        {
            Assert.Contains("search --no-floppy --label --set=root COS_RECOVERY", Programs.Run("mtype", "-i", boot, chain));
        }

        // COS_OEM and COS_RECOVERY as on the EFI disk: first boot to recovery, the image's GRUB menu
        var oem = DiskTools.ExtractPartition(raw, 1, _scratch);
        Assert.StartsWith("# GRUB Environment Block\nnext_entry=recovery\n#", DiskTools.Ext2Cat(oem, "/grubenv"));
        Assert.Contains("name: kairos", DiskTools.Ext2Cat(oem, "/90_custom.yaml"));
        var recovery = DiskTools.ExtractPartition(raw, 2, _scratch);
        Assert.Contains("LABEL=\"COS_RECOVERY\"", Programs.Run("blkid", "-p", recovery));
        Assert.Equal(File.ReadAllText(Path.Combine(root, "etc/cos/grub.cfg")), DiskTools.Ext2Cat(recovery, "/etc/cos/grub.cfg"));
    }

    [Fact]
    public async Task Model_rpi3_gives_bootcode_the_pi3_firmware_device_trees_and_u_boot()
    {
        SkipUnlessAvailable();
        var root = RpiRoot.Create(_scratch, "generic");
        var raw = await BuildAsync(root, "rpi3-out", "--model", "rpi3");

        var boot = DiskTools.ExtractPartition(raw, 0, _scratch);
        var names = Listing(boot, "::/");
        Assert.Superset(new HashSet<string> { "bootcode.bin", "start.elf", "fixup.dat", "bcm2837-rpi-3-b.dtb", "bcm2837-rpi-3-b-plus.dtb", "config.txt", "u-boot.bin" }, names);
        Assert.DoesNotContain("start4.elf", names);
        Assert.True(SameFile(boot, "::/u-boot.bin", Path.Combine(root, "usr/lib/u-boot/rpi_3/u-boot.bin")), "u-boot.bin is u-boot-rpi's rpi_3 build");
        Assert.True(SameFile(boot, "::/bootcode.bin", Path.Combine(root, "usr/lib/raspi-firmware/bootcode.bin")), "bootcode.bin is raspi-firmware's");
        Assert.Contains("(rpi3)", Programs.Run("mtype", "-i", boot, "::/config.txt"));
        Assert.Equal([("c", 2048L, Sectors96MiB), ("ee", 1L, 2047L)], MbrEntries(raw));

        // --model generic on the same root: the plain EFI disk (no shim in this root: its clear error)
        var (code, _, error) = await DiskTools.BuildDiskAsync($"dir:{root}", "--output", Path.Combine(_scratch, "generic-out"), "--model", "generic");
        Assert.Equal(2, code);
        Assert.Contains("the image has no shim", error);
    }

    [Theory]
    [InlineData("no-u-boot", "rpi4", "the image has no U-Boot for rpi4 (/usr/lib/u-boot/rpi_4/u-boot.bin; Debian: u-boot-rpi)")]
    [InlineData("no-firmware", "rpi3", "the image lacks the Pi firmware bootcode.bin, start.elf")]
    [InlineData("amd64", "rpi4", "--model rpi4: the image is amd64; Raspberry Pi disks are arm64")]
    [InlineData("arm64", "rpi5", "--model must be generic, rpi3 or rpi4, not 'rpi5'")]
    [InlineData("vhd", "rpi4", "--model rpi4: --format vhd: a Pi disk is raw only")]
    public async Task Bad_pi_input_is_a_clear_error_and_leaves_nothing(string what, string model, string message)
    {
        SkipUnlessAvailable();
        using var root = FakeDiskRoot.Create();
        if (what != "amd64")
        {
            root.Write("etc/kairos-release", File.ReadAllText(root.In("etc/kairos-release")).Replace("amd64", "arm64", StringComparison.Ordinal));
            root.Write("usr/lib/grub/arm64-efi/monolithic/grubaa64.efi", "not a grub\n");
            root.Write("usr/lib/linux-image-6.1.0-1-arm64/broadcom/bcm2837-rpi-3-b.dtb", "not a tree\n");
            root.Write("usr/lib/linux-image-6.1.0-1-arm64/broadcom/bcm2711-rpi-4-b.dtb", "not a tree\n");
            foreach (var file in what == "no-firmware" ? ["fixup.dat"] : new[] { "start4.elf", "fixup4.dat", "start4cd.elf", "fixup4cd.dat", "start4x.elf", "fixup4x.dat", "start4db.elf", "fixup4db.dat" })
            {
                root.Write("usr/lib/raspi-firmware/" + file, "firmware bytes\n");
            }
        }

        if (what == "no-firmware")
        {
            root.Write("usr/lib/u-boot/rpi_3/u-boot.bin", "not u-boot\n");
        }

        var output = Path.Combine(_scratch, "bad-" + what);
        string[] format = what == "vhd" ? ["--format", "vhd"] : [];
        var (code, stdout, error) = await DiskTools.BuildDiskAsync([$"dir:{root.Path}", "--output", output, "--model", model, .. format]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, error);
        Assert.Empty(DiskTools.Leftovers(output));
    }

    private static void SkipUnlessAvailable()
    {
        if ((DiskTools.Unavailable() ?? RpiRoot.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }
    }

    private static List<(string Type, long Start, long Size)> MbrEntries(string raw)
    {
        using var json = JsonDocument.Parse(Programs.Run("sfdisk", "--label-nested", "dos", "--json", raw));
        var table = json.RootElement.GetProperty("partitiontable");
        Assert.Equal("dos", table.GetProperty("label").GetString());
        return [.. table.GetProperty("partitions").EnumerateArray().Select(p => (p.GetProperty("type").GetString()!, p.GetProperty("start").GetInt64(), p.GetProperty("size").GetInt64()))];
    }

    /// <summary>The long names in a FAT directory (mdir -b prints one path per line).</summary>
    private static HashSet<string> Listing(string image, string directory) =>
        [.. Programs.Run("mdir", "-b", "-i", image, directory).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('/').Split('/')[^1])];

    private bool SameFile(string image, string inImage, string expected)
    {
        var copy = Path.Combine(_scratch, "copy-" + Guid.NewGuid().ToString("N"));
        Programs.Run("mcopy", "-i", image, inImage, copy);
        return Programs.Try(["cmp", copy, expected]).Code == 0;
    }

    private async Task<string> BuildAsync(string root, string directory, params string[] extra)
    {
        var (code, stdout, error) = await DiskTools.BuildDiskAsync([$"dir:{root}", "--output", Path.Combine(_scratch, directory), .. extra]);
        Assert.True(code == 0, error);
        return stdout.Trim();
    }
}

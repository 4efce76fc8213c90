using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>
/// build-disk on a fake Kairos root (seconds, no VM): the GPT sfdisk reads back, the OEM and EFI contents,
/// byte-identical rebuilds, the cloud formats as qemu-img, tar and gzip read them, and bad inputs. The raw
/// disks booted in QEMU are in <see cref="EndToEnd.DiskBootTests"/>.
/// </summary>
[Slow(SlowKind.Long)]
public sealed class BuildDiskTests : IDisposable
{
    private const string Name = FakeKairosRoot.IsoName;
    private static readonly string[] HostBusyboxes = ["/usr/bin/busybox", "/bin/busybox"];
    private static readonly string[] MountPoints = ["/proc", "/sys", "/dev", "/run", "/tmp"];
    private readonly FakeKairosRoot _root = FakeDiskRoot.Create();
    private readonly string _scratch = Directory.CreateTempSubdirectory("ks-disk-test-").FullName;

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Efi_disk_has_the_reference_partitions_fixed_guids_and_first_boot_files()
    {
        SkipUnlessTools();
        var raw = await BuildAsync("efi");

        var (diskId, parts) = DiskTools.Table(raw);
        Assert.Equal("2CEFF841-4C1D-5A14-8E46-ED3AEB621093", diskId); // UUIDv5(URL, "KAIROS_DISK")
        Assert.Equal(["efi", "oem", "recovery"], parts.Select(p => p.Name));
        Assert.Equal("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", parts[0].Type);
        Assert.Equal("81444E82-66B3-5ED2-961B-497665F12BE2", parts[0].Uuid); // UUIDv5(URL, "COS_GRUB")
        Assert.Equal("RequiredPartition", parts[0].Attrs);
        Assert.Equal("8BFA06F9-CA4F-56DC-90C9-49CF20F4F45E", parts[1].Uuid); // COS_OEM
        Assert.Equal("768FBD69-B2A9-5EAB-902C-DB8745B4767C", parts[2].Uuid); // COS_RECOVERY
        Assert.Equal(2048, parts[0].Start);
        Assert.Equal([64L * 2048, 64L * 2048], parts.Take(2).Select(p => p.Size));

        // recovery.img = the root's size + 200 MiB; RECOVERY = recovery.img × 2 + 150 MiB; 1 MiB before and after
        var recovery = DiskTools.ExtractPartition(raw, 2, _scratch);
        var imageMiB = ImageMiB(recovery);
        Assert.InRange(imageMiB, 201, 210); // a few MiB of root + 200
        Assert.Equal((imageMiB * 2 + 150) * 2048, parts[2].Size);
        Assert.Equal(new FileInfo(raw).Length, (parts[2].Start + parts[2].Size) * 512 + 1024 * 1024);
        Assert.Contains("LABEL=\"COS_RECOVERY\"", Programs.Run("blkid", "-p", recovery));
        Assert.Equal(File.ReadAllText(_root.In("etc/cos/grub.cfg")), DiskTools.Ext2Cat(recovery, "/etc/cos/grub.cfg"));

        var oem = DiskTools.ExtractPartition(raw, 1, _scratch);
        Assert.Contains("LABEL=\"COS_OEM\"", Programs.Run("blkid", "-p", oem));
        var grubenv = DiskTools.Ext2Cat(oem, "/grubenv");
        Assert.Equal(1024, grubenv.Length);
        Assert.StartsWith("# GRUB Environment Block\nnext_entry=recovery\n#", grubenv);
        Assert.Contains("name: kairos", DiskTools.Ext2Cat(oem, "/90_custom.yaml"));
        var reset = DiskTools.Ext2Cat(oem, "/01_reset.yaml");
        Assert.Contains($"size: {imageMiB * 3 + 100}", reset);

        var efi = DiskTools.ExtractPartition(raw, 0, _scratch);
        Assert.Contains("LABEL=\"COS_GRUB\"", Programs.Run("blkid", "-p", efi));
        Assert.Equal("not a shim\n", Programs.Run("mtype", "-i", efi, "::/EFI/BOOT/bootx64.efi"));
        Assert.Equal("not a shim\n", Programs.Run("mtype", "-i", efi, "::/EFI/BOOT/shimx64.efi"));
        Assert.Equal("not a disk grub\n", Programs.Run("mtype", "-i", efi, "::/EFI/BOOT/grubx64.efi"));
        foreach (var chain in new[] { "::/EFI/BOOT/grub.cfg", "::/EFI/debian/grub.cfg" })
        {
            Assert.Contains("search --no-floppy --label --set=root COS_RECOVERY", Programs.Run("mtype", "-i", efi, chain));
            Assert.Contains("configfile ($root)/etc/cos/grub.cfg", Programs.Run("mtype", "-i", efi, chain));
        }
    }

    [Fact]
    public async Task Two_builds_of_the_same_source_are_byte_identical_even_from_a_fresh_copy()
    {
        SkipUnlessTools();
        var first = await BuildAsync("efi", "first");

        // a copy has new ctimes and atimes (what an unpacked ocifile: source has on every build); the disk must not change
        var copy = Path.Combine(_scratch, "copy");
        Programs.Run("cp", "-a", _root.Path, copy);
        var second = await BuildAsync("efi", "second", copy);
        Assert.True(FilesEqual(first, second), "two builds of the same root differ");

        var biosA = await BuildAsync("bios", "bios-a");
        var biosB = await BuildAsync("bios", "bios-b", copy);
        Assert.True(FilesEqual(biosA, biosB), "two BIOS builds of the same root differ");
    }

    [Fact]
    public async Task Bios_disk_has_a_bios_boot_partition_with_grubs_core_and_boot_code_pointing_at_it()
    {
        SkipUnlessTools();
        var raw = await BuildAsync("bios");

        var (_, parts) = DiskTools.Table(raw);
        Assert.Equal(["bios", "oem", "recovery"], parts.Select(p => p.Name));
        Assert.Equal("21686148-6449-6E6F-744E-656564454649", parts[0].Type);
        Assert.Equal("RequiredPartition LegacyBIOSBootable", parts[0].Attrs);
        Assert.Equal(2048, parts[0].Size);
        var bytes = new byte[2048 * 512 + 1024 * 1024];
        await using (var file = File.OpenRead(raw))
        {
            file.ReadExactly(bytes);
        }

        var bootImg = File.ReadAllBytes("/usr/lib/grub/i386-pc/boot.img");
        Assert.Equal(bootImg.AsSpan(0, 0x5C).ToArray(), bytes.AsSpan(0, 0x5C).ToArray());
        Assert.Equal(2048, BitConverter.ToInt64(bytes, 0x5C)); // boot.img loads the core's first sector from the BIOS boot partition
        Assert.Equal([0x55, 0xAA], bytes[510..512]);
        var diskboot = File.ReadAllBytes("/usr/lib/grub/i386-pc/diskboot.img");
        Assert.Equal(diskboot.AsSpan(0, 0x100).ToArray(), bytes.AsSpan(2048 * 512, 0x100).ToArray());
        Assert.Equal(2049, BitConverter.ToInt64(bytes, 2048 * 512 + 500)); // ...which loads the rest from the next sector on
        var recovery = DiskTools.ExtractPartition(raw, 2, _scratch);
        Assert.Contains("normal.mod", DiskTools.Ext2List(recovery, "/grub2/i386-pc"));
        Assert.Contains("configfile ($root)/etc/cos/grub.cfg", DiskTools.Ext2Cat(recovery, "/grub2/grub.cfg"));
    }

    [Fact]
    public async Task Vhd_is_the_raw_disk_plus_a_fixed_footer_qemu_img_reads_as_vpc_and_converts_back()
    {
        SkipUnlessTools();
        var raw = await BuildAsync("efi", "raw");
        var vhd = await BuildAsync("efi", "vhd", format: "vhd");

        Assert.Equal(Name + ".raw.vhd", Path.GetFileName(vhd));
        Assert.Equal(new FileInfo(raw).Length + 512, new FileInfo(vhd).Length);
        Assert.Equal(0, new FileInfo(raw).Length % (1024 * 1024));
        using var info = JsonDocument.Parse(Programs.Run("qemu-img", "info", "--output=json", "-f", "vpc", vhd));
        Assert.Equal("vpc", info.RootElement.GetProperty("format").GetString());
        Assert.Equal(new FileInfo(raw).Length, info.RootElement.GetProperty("virtual-size").GetInt64());
        await using var stream = File.OpenRead(vhd);
        Assert.True(DiskTools.StartsWith(stream, raw), "the VHD's data is the raw disk");
        var footer = new byte[512];
        stream.ReadExactly(footer);
        Assert.Equal("conectix"u8.ToArray(), footer[..8]);
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(60))); // fixed
        var converted = Path.Combine(_scratch, "converted.raw");
        Programs.Run("qemu-img", "convert", "-f", "vpc", "-O", "raw", vhd, converted);
        Assert.True(FilesEqual(raw, converted), "qemu-img convert -f vpc -O raw gives back the raw disk's bytes");
    }

    [Fact]
    public async Task Gce_archive_holds_exactly_disk_raw_grown_to_the_next_whole_GiB()
    {
        SkipUnlessTools();
        var raw = await BuildAsync("efi", "raw");
        var gce = await BuildAsync("efi", "gce", format: "gce");

        Assert.Equal(Name + ".raw.gce.tar.gz", Path.GetFileName(gce));
        Assert.Equal([Name + ".raw.gce.tar.gz"], DiskTools.Leftovers(Path.GetDirectoryName(gce)!));
        await using var file = File.OpenRead(gce);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var entry = await tar.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(entry);
        Assert.Equal("disk.raw", entry.Name);
        Assert.Equal(TarEntryFormat.Gnu, entry.Format);
        Assert.Equal((new FileInfo(raw).Length / (1L << 30) + 1) * (1L << 30), entry.Length);
        Assert.True(DiskTools.StartsWith(entry.DataStream!, raw), "disk.raw begins with the raw disk");
        Assert.Null(await tar.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Maas_image_gunzips_to_the_raw_disk_with_the_curtin_partition_after_efi()
    {
        SkipUnlessTools();
        var raw = await BuildAsync("efi", "raw");
        var maas = await BuildAsync("efi", "maas", format: "maas");

        Assert.Equal(Name + ".raw.gz", Path.GetFileName(maas));
        Assert.Equal([Name + ".raw.gz"], DiskTools.Leftovers(Path.GetDirectoryName(maas)!));
        var unpacked = Path.Combine(_scratch, "unpacked.raw");
        Programs.Run("sh", "-c", $"gunzip -c '{maas}' > '{unpacked}'");
        var (diskId, parts) = DiskTools.Table(unpacked);
        var (_, rawParts) = DiskTools.Table(raw);
        Assert.Equal("2CEFF841-4C1D-5A14-8E46-ED3AEB621093", diskId);
        Assert.Equal(["efi", "curtin", "oem", "recovery"], parts.Select(p => p.Name));
        Assert.Equal("0FC63DAF-8483-4772-8E79-3D69D8477DE4", parts[1].Type);
        Assert.Equal("B17E89E1-DA36-5752-903E-90E55EFF59A4", parts[1].Uuid); // UUIDv5(URL, "COS_CURTIN")
        Assert.Equal((2048L + (64 * 2048), 64L * 2048), (parts[1].Start, parts[1].Size));
        Assert.Equal(parts[0].Start + parts[0].Size, parts[1].Start);
        Assert.Equal(new FileInfo(raw).Length + (64L << 20), new FileInfo(unpacked).Length);
        Assert.Equal("", Programs.Run("sfdisk", "--verify", unpacked).Replace("No errors detected.", "", StringComparison.Ordinal).Split('\n').Where(l => l.Contains("rror", StringComparison.Ordinal)).FirstOrDefault() ?? "");

        // efi, oem and recovery are the raw disk's own partitions, byte for byte
        foreach (var (index, rawIndex) in new[] { (0, 0), (2, 1), (3, 2) })
        {
            Assert.True(FilesEqual(DiskTools.ExtractPartition(raw, rawIndex, _scratch), DiskTools.ExtractPartition(unpacked, index, _scratch)), $"partition {parts[index].Name} differs from the raw disk's");
        }

        var curtin = DiskTools.ExtractPartition(unpacked, 1, _scratch);
        var blkid = Programs.Run("blkid", "-p", curtin);
        Assert.Contains("LABEL=\"COS_CURTIN\"", blkid);
        Assert.Contains("TYPE=\"ext2\"", blkid);
        var busybox = HostBusyboxes.First(File.Exists);
        var copied = Path.Combine(_scratch, "busybox");
        Programs.Run("debugfs", "-R", $"dump /bin/busybox {copied}", curtin);
        Assert.True(FilesEqual(busybox, copied), "bin/busybox is this machine's static busybox");
        Assert.Contains("Fast link dest: \"busybox\"", Programs.Run("debugfs", "-R", "stat /bin/sh", curtin));
        Assert.Contains("Fast link dest: \"busybox\"", Programs.Run("debugfs", "-R", "stat /bin/ash", curtin));
        Assert.Equal("#!/bin/sh\nexec /bin/busybox sh \"$@\"\n", DiskTools.Ext2Cat(curtin, "/usr/bin/bash"));
        Assert.Equal("#!/bin/sh\nexit 0\n", DiskTools.Ext2Cat(curtin, "/usr/bin/cloud-init"));
        Assert.Equal("#!/bin/sh\nexit 0\n", DiskTools.Ext2Cat(curtin, "/usr/bin/netplan"));
        var hook = DiskTools.Ext2Cat(curtin, "/curtin/curtin-hooks");
        Assert.Equal(new EmbeddedStageSource().ReadText("disk/maas/curtin-hooks"), hook);
        Assert.Contains("blkid\", \"-L\", \"COS_OEM\"", hook);
        var modes = Modes(curtin, "/").Concat(Modes(curtin, "/bin")).Concat(Modes(curtin, "/usr/bin")).Concat(Modes(curtin, "/curtin")).ToDictionary();
        Assert.Equal("100750", modes["/curtin/curtin-hooks"]);
        Assert.Equal("100755", modes["/bin/busybox"]);
        Assert.Equal("100755", modes["/usr/bin/bash"]);
        Assert.Equal(["040555", "040555", "040755", "040755", "041777"], MountPoints.Select(d => modes[d]));
    }

    [Fact]
    public async Task Partitions_writes_the_three_partition_images_and_no_disk()
    {
        SkipUnlessTools();
        var output = Path.Combine(_scratch, "parts");
        var (code, stdout, error) = await DiskTools.BuildDiskAsync($"dir:{_root.Path}", "--output", output, "--partitions");

        Assert.True(code == 0, error);
        Assert.Equal(["efi.img", "oem.img", "recovery_partition.img"], DiskTools.Leftovers(output).Order(StringComparer.Ordinal));
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("LABEL=\"COS_OEM\"", Programs.Run("blkid", "-p", Path.Combine(output, "oem.img")));
    }

    [Theory]
    [InlineData("not-kairos", "/etc/kairos-release is missing")]
    [InlineData("--recovery-image-size=1", "--recovery-image-size 1: the image root needs")]
    [InlineData("--size=10", "--size 10: the disk needs at least")]
    [InlineData("--format=qcow2", "--format must be raw, vhd, gce or maas")]
    [InlineData("--firmware=uboot", "--firmware must be efi or bios")]
    [InlineData("--partitions --format=gce", "cannot be combined with --format gce")]
    [InlineData("--partitions --format=vhd", "cannot be combined with --format vhd")]
    [InlineData("--cloud-config=/nonexistent/cc.yaml", "--cloud-config /nonexistent/cc.yaml: cannot read it")]
    [InlineData("--state-size=-5", "--state-size -5: must be a positive number")]
    [InlineData("--partitions --format=maas", "cannot be combined with --format maas")]
    [InlineData("--format=maas --firmware=bios", "--format maas makes an EFI disk")]
    public async Task Bad_input_exits_2_naming_the_cause_and_leaves_nothing(string flags, string message)
    {
        SkipUnlessTools();
        var output = Path.Combine(_scratch, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "untouched\n");
        var source = flags == "not-kairos" ? Directory.CreateDirectory(Path.Combine(_scratch, "plain")).FullName : _root.Path;
        var extra = flags == "not-kairos" ? [] : flags.Split(' ');

        var (code, stdout, error) = await DiskTools.BuildDiskAsync([$"dir:{source}", "--output", output, .. extra]);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Equal("", stdout);
        Assert.Equal(["keep.txt"], DiskTools.Leftovers(output));
    }

    [Fact]
    public async Task No_space_in_the_output_exits_2_naming_free_and_needed_space_and_leaves_nothing()
    {
        SkipUnlessTools();
        Assert.SkipWhen(Environment.UserName != "root", "mounts a small tmpfs as the output (root only)");
        var output = Directory.CreateDirectory(Path.Combine(_scratch, "small")).FullName;
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=32m", "kairos-disk-test", output);
        try
        {
            var (code, stdout, error) = await DiskTools.BuildDiskAsync($"dir:{_root.Path}", "--output", output);

            Assert.Equal(2, code);
            Assert.Matches(@"--output .*small: 3\d MiB free, the build needs about \d+ MiB", error);
            Assert.Equal("", stdout);
            Assert.Empty(DiskTools.Leftovers(output));
        }
        finally
        {
            Programs.Run("umount", output);
        }
    }

    private static void SkipUnlessTools()
    {
        if (DiskTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }
    }

    private static long ImageMiB(string recoveryPartition) =>
        long.Parse(Programs.Run("debugfs", "-R", "stat /cOS/recovery.img", recoveryPartition).Split("Size: ")[1].Split([' ', '\t', '\n'])[0], System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024);

    /// <summary>Path → octal mode of each entry in an ext2 directory (debugfs <c>ls -p</c>: /inode/mode/uid/gid/name/size/).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Modes(string image, string directory) =>
        DiskTools.Ext2List(image, directory).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('/'))
            .Where(f => f.Length > 5 && f[5] is not ("." or ".."))
            .Select(f => KeyValuePair.Create(directory.TrimEnd('/') + "/" + f[5], f[2]));

    private static bool FilesEqual(string a, string b)
    {
        if (new FileInfo(a).Length != new FileInfo(b).Length)
        {
            return false;
        }

        using var stream = File.OpenRead(b);
        return DiskTools.StartsWith(stream, a);
    }

    private async Task<string> BuildAsync(string firmware, string? directory = null, string? root = null, string format = "raw")
    {
        var output = Path.Combine(_scratch, directory ?? firmware);
        var (code, stdout, error) = await DiskTools.BuildDiskAsync($"dir:{root ?? _root.Path}", "--output", output, "--firmware", firmware, "--format", format);
        Assert.True(code == 0, error);
        return stdout.Trim();
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.Tests.Media.Disk;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// build-disk → boot → assert, on the run's one Debian 12 image (<see cref="LiveIsoImage"/>): the EFI disk under
/// OVMF, booted as its VHD (Azure's format: QEMU reads it as vpc; the test first shows its data is the raw EFI disk
/// built from the same root, byte for byte, so one boot covers both), and the raw BIOS disk under SeaBIOS, booted
/// from the disk as a cloud VM would. GRUB from the disk
/// reads grubenv on COS_OEM (next_entry=recovery, which it clears), boots the recovery entry of the image's menu,
/// kernel and initrd from cOS/recovery.img; the recovery system reaches multi-user.target with
/// /run/cos/recovery_mode and the built kairos-release, then powers off. kairos-agent is a stand-in, so the reset
/// it would run is checked as data: OEM's reset config loads in the engine and its condition holds in recovery.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Boot)]
public sealed class DiskBootTests(LiveIsoImage image)
{
    private static readonly TimeSpan Deadline = QemuLiveBoot.Deadline(10);

    [Fact]
    public async Task Efi_disk_as_its_vhd_boots_recovery_with_OVMF() => await BootsAsync("efi", uefi: true);

    [Fact]
    public async Task Raw_bios_disk_boots_recovery_with_SeaBIOS() => await BootsAsync("bios", uefi: false);

    private async Task BootsAsync(string firmware, bool uefi)
    {
        if ((LiveIsoImage.Unavailable() ?? DiskTools.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        var root = await image.RootAsync();
        var output = Directory.CreateDirectory(Path.Combine(image.Scratch, $"disk-{firmware}")).FullName;
        var clock = Stopwatch.StartNew();
        var raw = (await LiveIsoImage.Cli("build-disk", $"dir:{root}", "--firmware", firmware, "--output", output)).Trim();
        var built = clock.Elapsed;
        var vhd = uefi ? await VhdOfTheSameDiskAsync(root, raw) : null;

        // the guest writes to its disk (GRUB clears next_entry): boot a sparse copy, keep the artifact as built
        var booted = Path.Combine(image.Scratch, $"booted-{firmware}" + (vhd is null ? ".raw" : ".vhd"));
        Programs.Run("cp", "--sparse=always", vhd ?? raw, booted);
        var (serialRaw, poweredOff, elapsed) = await QemuLiveBoot.BootDiskAsync(booted, uefi, Deadline, image.Scratch, vhd is null ? "raw" : "vpc");
        if (vhd is not null)
        {
            // still a VHD QEMU reads after the guest wrote to it; its data as a raw disk for the checks below
            var written = booted;
            booted = Path.Combine(image.Scratch, $"booted-{firmware}.raw");
            Programs.Run("qemu-img", "convert", "-f", "vpc", "-O", "raw", written, booted);
            File.Delete(written);
            File.Delete(vhd);
        }

        var name = vhd is null ? $"disk-raw-{firmware}" : $"disk-vhd-{firmware}";
        var serial = Regex.Replace(serialRaw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        var log = await BootLogs.SaveAsync(name, serialRaw, TestContext.Current.CancellationToken);
        string Context() => $"\n--- serial ({name}, {elapsed.TotalSeconds:0}s, {QemuLiveBoot.AcceleratorName}), last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";

        // GRUB took the recovery entry of the image's menu: the command line its bootargs.cfg builds for recovery.img
        var cmdline = Regex.Match(serial, @"Command line: (.*)");
        Assert.True(cmdline.Success, "kernel command line" + Context());
        var args = cmdline.Groups[1].Value.Trim().Split(' ');
        Assert.Contains("root=LABEL=COS_SYSTEM", args);
        Assert.Contains("cos-img/filename=/cOS/recovery.img", args);
        Assert.Contains("BOOT_IMAGE=(loop0)/boot/vmlinuz", args);
        Assert.DoesNotContain(args, a => a.Contains("kairos.reset", StringComparison.Ordinal));
        Assert.True(serial.Contains(FixtureArtifacts.DiskMarker + " COS_RECOVERY /cOS/recovery.img /dev/loop", StringComparison.Ordinal), "recovery.img attached from COS_RECOVERY" + Context());
        Assert.True(serial.Contains("KS-LIVE-MULTI-USER active", StringComparison.Ordinal), "multi-user.target active" + Context());
        Assert.True(serial.Contains("KS-LIVE-COS recovery_mode", StringComparison.Ordinal), "/run/cos/recovery_mode" + Context());
        var release = Regex.Match(serial, @"KS-LIVE-RELEASE-BEGIN\r?\n(.*?)KS-LIVE-RELEASE-END", RegexOptions.Singleline);
        Assert.True(release.Success, "kairos-release from the recovery system" + Context());
        var expected = LiveReport.ReleaseLines(await File.ReadAllTextAsync(Path.Combine(root, "etc/kairos-release"), TestContext.Current.CancellationToken));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, LiveReport.ReleaseLines(release.Groups[1].Value));
        Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());

        // GRUB read grubenv and cleared the one-shot entry on the disk it booted; the built disk still has it
        var oemBuilt = DiskTools.ExtractPartition(raw, 1, image.Scratch);
        var oemBooted = DiskTools.ExtractPartition(booted, 1, image.Scratch);
        Assert.Contains("\nnext_entry=recovery\n", DiskTools.Ext2Cat(oemBuilt, "/grubenv"));
        Assert.Contains("\nnext_entry=\n", DiskTools.Ext2Cat(oemBooted, "/grubenv"));
        File.Delete(booted);

        AssertResetWouldRun(root, DiskTools.Ext2Cat(oemBuilt, "/01_reset.yaml"));
        AssertMenuEntries(raw);
        File.Delete(oemBooted);
        File.Delete(oemBuilt);
        File.Delete(raw);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: build {built.TotalSeconds:0}s, boot {elapsed.TotalSeconds:0}s ({QemuLiveBoot.AcceleratorName}); {image.Timings}; serial log {log}");
        Figures.Report($"disk-boot-{firmware}", 1, 1, elapsed, $"{QemuLiveBoot.AcceleratorName}; build-disk {built.TotalSeconds:0}s; {image.Timings}");
    }

    /// <summary>
    /// build-disk --format vhd from the same root: the raw disk's bytes, then the 512-byte fixed footer, and a vpc
    /// image of the raw's size to qemu-img. Booting it therefore boots the raw EFI disk too.
    /// </summary>
    private async Task<string> VhdOfTheSameDiskAsync(string root, string raw)
    {
        var output = Directory.CreateDirectory(Path.Combine(image.Scratch, "disk-vhd")).FullName;
        var vhd = (await LiveIsoImage.Cli("build-disk", $"dir:{root}", "--format", "vhd", "--output", output)).Trim();
        Assert.Equal(Path.GetFileName(raw) + ".vhd", Path.GetFileName(vhd));
        Assert.Equal(new FileInfo(raw).Length + 512, new FileInfo(vhd).Length);
        await using (var stream = File.OpenRead(vhd))
        {
            Assert.True(DiskTools.StartsWith(stream, raw), "the VHD's data is the raw EFI disk, byte for byte");
        }

        using var info = System.Text.Json.JsonDocument.Parse(Programs.Run("qemu-img", "info", "--output=json", "-f", "vpc", vhd)); // a fixed VHD probes as raw (even one qemu-img makes): name the format
        Assert.Equal("vpc", info.RootElement.GetProperty("format").GetString());
        Assert.Equal(new FileInfo(raw).Length, info.RootElement.GetProperty("virtual-size").GetInt64());
        return vhd;
    }

    /// <summary>
    /// The reset config kairos-agent would run: valid for the engine (strict load), the layout AuroraBoot's adds,
    /// and its network step's condition true in a root with recovery_mode (as the booted system had), false once
    /// /oem/.autoreset.skip exists.
    /// </summary>
    private static void AssertResetWouldRun(string root, string text)
    {
        var loaded = StageFileLoader.Load("COS_OEM/01_reset.yaml", text, LoadOptions.Strict);
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Diagnostics));
        var file = loaded.File!;
        var layouts = file.StepsFor("rootfs.before").Select(s => s.Layout!).ToList();
        Assert.All(layouts, l => Assert.Equal("COS_RECOVERY", l.Device!.Label));
        Assert.Equal(["COS_STATE", "COS_PERSISTENT"], layouts.SelectMany(l => l.AddPartitions).Select(p => p.FsLabel));
        Assert.Equal(0UL, layouts[1].AddPartitions[0].Size);
        var reset = Assert.Single(file.StepsFor("network"));
        Assert.Equal(["kairos-agent --debug reset --unattended --reboot"], reset.Commands);
        Assert.Single(file.StepsFor("after-reset"));

        // the condition as yip runs it (sh -c), in the image root with the recovery boot's sentinel
        var sentinel = Path.Combine(root, "run/cos/recovery_mode");
        var skip = Path.Combine(root, "oem/.autoreset.skip");
        Directory.CreateDirectory(Path.GetDirectoryName(sentinel)!);
        Directory.CreateDirectory(Path.GetDirectoryName(skip)!);
        try
        {
            File.WriteAllText(sentinel, "1");
            Programs.Run("chroot", root, "/bin/sh", "-c", reset.If!);
            File.WriteAllText(skip, "");
            Assert.Throws<InvalidOperationException>(() => { Programs.Run("chroot", root, "/bin/sh", "-c", reset.If!); });
        }
        finally
        {
            File.Delete(sentinel);
            File.Delete(skip);
            Directory.Delete(Path.GetDirectoryName(sentinel)!);
        }
    }

    /// <summary>RECOVERY carries the image's menu: active, passive (fallback), recovery and state-reset entries as the reference lists them.</summary>
    private void AssertMenuEntries(string raw)
    {
        var recovery = DiskTools.ExtractPartition(raw, 2, image.Scratch);
        try
        {
            var menu = DiskTools.Ext2Cat(recovery, "/etc/cos/grub.cfg");
            foreach (var (id, image) in new[] { ("cos", "/cOS/active.img"), ("fallback", "/cOS/passive.img"), ("recovery", "/cOS/recovery.img"), ("statereset", "/cOS/recovery.img") })
            {
                var entry = Regex.Match(menu, $@"menuentry [^\n]*--id {id} \{{(.*?)\n\}}", RegexOptions.Singleline);
                Assert.True(entry.Success, $"menu entry {id}");
                Assert.Contains($"set img={image}", entry.Groups[1].Value);
            }

            Assert.Contains("search --no-floppy --label --set=root COS_STATE", menu);
            Assert.Contains("load_env -f \"(${env_blk})/grubenv\"", menu);
        }
        finally
        {
            File.Delete(recovery);
        }
    }
}

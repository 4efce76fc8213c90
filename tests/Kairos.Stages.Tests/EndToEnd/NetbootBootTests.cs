using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// netboot → boot → assert, from the run's one ISO (<see cref="LiveIsoImage"/>): QEMU's iPXE (Debian's ipxe-qemu
/// ROM on the virtio NIC) takes kairos.ipxe, the kernel and the initrd from QEMU's built-in TFTP server; dracut's
/// livenet fetches kairos.squashfs over HTTP from a server this test runs on 127.0.0.1 (the guest's 10.0.2.2);
/// the live system reaches multi-user.target, reports itself and powers off.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Boot)]
public sealed class NetbootBootTests(LiveIsoImage image)
{
    private static readonly TimeSpan Deadline = QemuLiveBoot.Deadline(10);

    [Fact]
    public async Task Netboot_files_boot_a_live_system_over_ipxe_tftp_and_http()
    {
        if ((LiveIsoImage.Unavailable() ?? (File.Exists("/usr/lib/ipxe/qemu/efi-virtio.rom") ? null : "needs ipxe-qemu (build/install-deps.sh installs it)")) is { } why)
        {
            Assert.Skip(why);
        }

        var iso = await image.DirIsoAsync();
        var output = Directory.CreateDirectory(Path.Combine(image.Scratch, "netboot-out")).FullName;
        var netboot = Path.Combine(output, "netboot");
        using var server = new LoopbackHttpServer(netboot);
        var url = $"http://10.0.2.2:{server.Port}/kairos.squashfs";
        var files = (await LiveIsoImage.Cli("netboot", iso, "--output", output, "--squashfs-url", url, "--console", LiveReport.LiveConsole)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["kairos-kernel", "kairos-initrd", "kairos.squashfs", "kairos.ipxe"], files.Select(Path.GetFileName));
        var script = await File.ReadAllTextAsync(Path.Combine(netboot, "kairos.ipxe"), TestContext.Current.CancellationToken);
        Assert.StartsWith("#!ipxe\n", script);
        Assert.Contains($"root=live:{url}", script);

        var (raw, poweredOff, elapsed) = await QemuLiveBoot.BootAsync(
            ["-boot", "n"], uefi: false, Deadline, image.Scratch, $"user,model=virtio-net-pci,tftp={netboot},bootfile=kairos.ipxe");
        var serial = Regex.Replace(raw, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        var log = await BootLogs.SaveAsync("netboot", raw, TestContext.Current.CancellationToken);
        string Context() => $"\n--- serial (netboot, {elapsed.TotalSeconds:0}s, {QemuLiveBoot.AcceleratorName}); http: {string.Join(", ", server.Requests)}; last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";

        var cmdline = Regex.Match(serial, @"Command line: (.*)");
        Assert.True(cmdline.Success, "kernel command line (iPXE loaded kernel and initrd over TFTP)" + Context());
        foreach (var argument in new[] { $"root=live:{url}", "rd.neednet=1", "ip=dhcp", "netboot", "rd.live.overlay.overlayfs", "rd.cos.disable" })
        {
            Assert.Contains(argument, cmdline.Groups[1].Value.Trim().Split(' '));
        }

        Assert.Contains("GET kairos.squashfs 200", server.Requests);
        Assert.True(serial.Contains("KS-LIVE-MULTI-USER active", StringComparison.Ordinal), "multi-user.target active" + Context());
        Assert.True(Regex.IsMatch(serial, @"KS-LIVE-MOUNT /dev/loop\d+ /run/rootfsbase squashfs ro"), "the fetched squashfs mounted by dmsquash-live" + Context());
        Assert.True(Regex.IsMatch(serial, @"KS-LIVE-MOUNT LiveOS_rootfs / overlay "), "overlay root" + Context());
        var release = Regex.Match(serial, @"KS-LIVE-RELEASE-BEGIN\r?\n(.*?)KS-LIVE-RELEASE-END", RegexOptions.Singleline);
        Assert.True(release.Success, "kairos-release" + Context());
        var expected = LiveReport.ReleaseLines(await File.ReadAllTextAsync(Path.Combine(await image.RootAsync(), "etc/kairos-release"), TestContext.Current.CancellationToken));
        Assert.Equal(expected, LiveReport.ReleaseLines(release.Groups[1].Value));
        Assert.True(poweredOff, "the guest powers itself off before the deadline" + Context());
        TestContext.Current.TestOutputHelper?.WriteLine($"netboot: boot {elapsed.TotalSeconds:0}s ({QemuLiveBoot.AcceleratorName}); {image.Timings}; serial log {log}");
        Figures.Report("netboot-boot", 1, 1, elapsed, $"{QemuLiveBoot.AcceleratorName}; {image.Timings}");
    }
}

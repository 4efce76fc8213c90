using System.Diagnostics;
using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Containers;
using Kairos.Stages.Tests.Media.Disk;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The Pi 4 disk of a real kairosified image: <c>build-disk docker:IMAGE --model rpi4</c> on examples/rpi4 as Docker and
/// BuildKit built it for linux/arm64 (<see cref="DockerRpi4Image"/>), then booted as far as this machine can. No Pi here,
/// and QEMU's raspi4b cannot run the GPU firmware that loads U-Boot, so the boot is QEMU's <c>virt</c> board (TCG) given
/// the kernel and initrd the disk's recovery entry loads and the command line its boot config builds, with the Pi's
/// serial console (ttyS0, the mini UART) swapped for virt's PL011 (ttyAMA0) and console=tty1 dropped (no display), and
/// the disk attached, so that the initrd must find the system on the Pi disk itself.
/// </summary>
[Collection("Arm64Docker")] // the arm64 lane's own process runs its collections side by side
[Arm64Lane]
[Slow(SlowKind.Boot)]
public sealed partial class Rpi4DiskBootTests(DockerRpi4Image image) : IDisposable
{
    private const string MultiUser = "Reached target multi-user.target";

    private static readonly TimeSpan Deadline = QemuLiveBoot.Deadline(10, factor: 2);

    private readonly string _scratch = Directory.CreateTempSubdirectory("ks-rpi4-disk-boot-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Pi_4_disk_of_the_Docker_built_image_boots_its_kernel_and_initrd_to_multi_user_on_virt()
    {
        if ((DockerRpi4Image.Unavailable() ?? DiskTools.Unavailable() ?? QemuLiveBoot.Arm64Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        var built = image.Get();

        // act 1: the README's Raspberry Pi disk, from the Docker daemon's image
        var clock = Stopwatch.StartNew();
        var disk = await BuildDiskAsync($"docker:{DockerRpi4Image.Tag}", "--model", "rpi4", "--output", Path.Combine(_scratch, "pi"));
        var diskTime = clock.Elapsed;

        // assert: the Pi layout (hybrid MBR, FAT first partition with the firmware, U-Boot and GRUB)
        Assert.Equal("kairos-debian-12-core-arm64-rpi4-v1.0.0.raw", Path.GetFileName(disk));
        var (_, parts) = DiskTools.Table(disk);
        Assert.Equal(["efi", "oem", "recovery"], parts.Select(p => p.Name));
        var boot = DiskTools.ExtractPartition(disk, 0, _scratch);
        Assert.Contains("LABEL=\"COS_GRUB\"", Programs.Run("blkid", "-p", boot));
        var names = Programs.Run("mdir", "-b", "-i", boot, "::/");
        foreach (var name in new[] { "config.txt", "u-boot.bin", "start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb", "EFI" })
        {
            Assert.Contains("::/" + name, names);
        }

        Assert.DoesNotContain("vmlinuz", names); // the FAT has no kernel: GRUB loads it from COS_RECOVERY
        Assert.Contains("search --no-floppy --label --set=root COS_RECOVERY", Programs.Run("mtype", "-i", boot, "::/EFI/BOOT/grub.cfg"));
        File.Delete(boot);

        // arrange the boot: what the recovery entry loads, and its command line for KAIROS_MODEL=rpi4
        var (kernel, initrd, bootArgs, menu) = PiDiskBoot.RecoveryFiles(disk, _scratch);
        Assert.Contains("Linux kernel ARM64 boot executable", Programs.Run("file", "-b", kernel));
        var diskLine = PiDiskBoot.RecoveryCommandLine(bootArgs, menu, "rpi4");
        Assert.Contains("console=ttyS0,115200", diskLine.Split(' '));
        Assert.Contains("root=LABEL=COS_SYSTEM", diskLine.Split(' '));
        Assert.Contains("cos-img/filename=/cOS/recovery.img", diskLine.Split(' '));
        var append = string.Join(' ', diskLine.Split(' ').Where(a => a != "console=tty1").Select(a => a == "console=ttyS0,115200" ? "console=ttyAMA0,115200" : a));

        // act 2: boot it, one VM at a time
        var (raw, reached, elapsed) = await PiDiskBoot.BootAsync(kernel, initrd, append, disk, line => Ansi().Replace(line, "").Contains(MultiUser, StringComparison.Ordinal), Deadline);

        // assert: the kernel got the disk's command line, the initrd attached recovery.img from the Pi disk, systemd got to multi-user
        var serial = Ansi().Replace(raw, "");
        var log = await BootLogs.SaveAsync("rpi4-disk-virt", raw, TestContext.Current.CancellationToken);
        string Context() => $"\n--- serial (rpi4 disk on virt, {elapsed.TotalSeconds:0}s, tcg) {log}; command line: {append}; last lines ---\n{string.Join('\n', serial.Split('\n').TakeLast(60))}";
        Assert.True(serial.Contains("Kernel command line: " + append, StringComparison.Ordinal), "the kernel's command line" + Context());
        Assert.True(serial.Contains(FixtureArtifacts.DiskMarker + " COS_RECOVERY /cOS/recovery.img /dev/loop", StringComparison.Ordinal), "recovery.img attached from the Pi disk's COS_RECOVERY" + Context());
        Assert.True(reached, "multi-user.target reached" + Context());
        Assert.Matches(@"Debian GNU/Linux 12", serial);
        Figures.Report("rpi4-disk-boot-virt", 1, 1, elapsed, $"tcg, virt cortex-a57, the Pi disk's kernel + initrd + command line; build-disk docker: {diskTime.TotalSeconds:0} s; image build {built.Build.Result.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>The published binary's build-disk, reaching the test's Docker daemon; returns the disk it printed.</summary>
    private static async Task<string> BuildDiskAsync(params string[] args)
    {
        var start = new ProcessStartInfo(PublishedBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build-disk");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Containers.DockerDaemon.EnvironmentForOtherPrograms())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"build-disk {string.Join(' ', args)} exited {process.ExitCode}:\n{stderr}");
        return (await stdout).Trim();
    }

    // systemd colours the unit name in its status lines
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}

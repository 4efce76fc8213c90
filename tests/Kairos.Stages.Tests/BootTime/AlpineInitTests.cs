using System.Diagnostics;
using Kairos.Stages.Tests.Content;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// The shipped Alpine initramfs init's decisions, run under the static busybox sh it boots with:
/// the script is loaded with KAIROS_INIT_FUNCTIONS_ONLY=1 (no boot) and its functions are called
/// against a test command line, /sys/class/net tree and mount table.
/// </summary>
public sealed class AlpineInitTests
{
    private static string Script => Path.Combine(ContentStages.StagesDirectory, "assets", "alpine", "initramfs-init");

    private static (int ExitCode, string Output) Call(string commandLine, string shell, TempRoot? dir = null)
    {
        Assert.SkipUnless(BusyboxRoot.Available, "needs a static busybox (build/install-deps.sh)");
        using var own = new TempRoot("ks-alpine-init-");
        var work = dir ?? own;
        var cmdline = work.Write("cmdline", commandLine + "\n").HostPath("cmdline");
        var info = new ProcessStartInfo(BusyboxRoot.BusyboxPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "sh", "-c", $". {Script}; {shell}" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["KAIROS_INIT_FUNCTIONS_ONLY"] = "1";
        info.Environment["CMDLINE_FILE"] = cmdline;
        info.Environment["SYSFS_NET"] = work.HostPath("net");
        info.Environment["MOUNTS_FILE"] = work.HostPath("mounts");
        info.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    [Fact]
    public void Script_parses_under_busybox_sh()
    {
        var (code, output) = Call("", "true");

        Assert.True(code == 0, output);
    }

    [Theory]
    [InlineData("cdroot root=live:CDLABEL=COS_LIVE rd.live.dir=/ rd.cos.disable", "COS_LIVE")]
    [InlineData("cdroot CDLABEL=MYISO quiet", "MYISO")]
    public void Row101_live_cd_label_comes_from_CDLABEL(string cmdline, string label)
    {
        Assert.Equal((0, label), Call(cmdline, "live_label"));
    }

    [Fact]
    public void Row101_cdroot_without_a_label_has_none()
    {
        Assert.Equal(1, Call("cdroot quiet", "live_label").ExitCode);
    }

    [Theory]
    [InlineData("netboot root=live:http://10.0.0.1/rootfs.squashfs", 0, "http://10.0.0.1/rootfs.squashfs")]
    [InlineData("netboot root=live:https://boot.example/r.squashfs", 0, "https://boot.example/r.squashfs")]
    [InlineData("netboot root=live:ftp://h/r.squashfs", 0, "ftp://h/r.squashfs")]
    [InlineData("netboot root=live:file:///r.squashfs", 1, "")]
    [InlineData("netboot", 1, "")]
    public void Row102_netboot_accepts_http_https_and_ftp_urls_only(string cmdline, int code, string url)
    {
        Assert.Equal((code, url), Call(cmdline, "netboot_url"));
    }

    [Theory]
    [InlineData("rd.break=pre-udev", "pre-udev", 0)]
    [InlineData("rd.break=pre-mounts,pre-switch", "pre-switch", 0)]
    [InlineData("rd.break=pre-udev rd.break=post-network", "post-network", 0)]
    [InlineData("rd.break=pre-udev", "post-udev", 1)]
    [InlineData("quiet", "pre-switch", 1)]
    public void Row103_rd_break_points(string cmdline, string point, int code)
    {
        Assert.Equal(code, Call(cmdline, $"break_requested {point}").ExitCode);
    }

    [Theory]
    [InlineData("rd.neednet=0", 0)]
    [InlineData("quiet", 1)]
    public void Row100_rd_neednet_0_is_detected(string cmdline, int code)
    {
        Assert.Equal(code, Call(cmdline, "cmdline_has rd.neednet=0").ExitCode);
    }

    [Fact]
    public void Row100_DHCP_uses_the_first_eth_interface_that_is_up()
    {
        using var dir = new TempRoot("ks-alpine-net-");
        dir.Write("net/eth0/operstate", "down\n");
        dir.Write("net/eth1/operstate", "up\n");
        dir.Write("net/eth2/operstate", "down\n");
        dir.Write("net/lo/operstate", "unknown\n");

        Assert.Equal((0, "eth1"), Call("", "pick_interface", dir));
    }

    [Fact]
    public void Row100_DHCP_falls_back_to_the_last_eth_interface()
    {
        using var dir = new TempRoot("ks-alpine-net-");
        dir.Write("net/eth0/operstate", "down\n");
        dir.Write("net/eth1/operstate", "dormant\n");

        Assert.Equal((0, "eth1"), Call("", "pick_interface", dir));
    }

    [Fact]
    public void Row101_live_boot_carries_every_mount_but_root_and_sysroot()
    {
        using var dir = new TempRoot("ks-alpine-mounts-");
        dir.Write("mounts", "rootfs / rootfs rw 0 0\nproc /proc proc rw 0 0\nrun /run tmpfs rw 0 0\n/dev/sr0 /run/initramfs/live iso9660 ro 0 0\noverlay /sysroot overlay rw 0 0\nproc /sysroot/proc proc rw 0 0\n");

        var (code, output) = Call("", "mounts_to_move", dir);

        Assert.Equal(0, code);
        Assert.Equal(["/proc", "/run", "/run/initramfs/live"], output.Split('\n'));
    }

    [Fact]
    public void Row105_console_gettys_are_added_for_console_devices_without_one()
    {
        using var dir = new TempRoot("ks-alpine-console-");
        dir.Write("sysroot/etc/inittab", "tty1::respawn:/sbin/getty 38400 tty1\n");
        dir.Write("sysroot/etc/securetty", "tty1\n");

        var (code, output) = Call("console=tty1 console=ttyS0,115200", $"sysroot={dir.HostPath("sysroot")}; setup_consoles", dir);

        Assert.True(code == 0, output);
        var inittab = File.ReadAllText(dir.HostPath("sysroot/etc/inittab"));
        Assert.Contains("ttyS0::respawn:/sbin/getty -L 0 ttyS0 vt100", inittab, StringComparison.Ordinal);
        Assert.Single(inittab.Split('\n'), l => l.StartsWith("tty1:", StringComparison.Ordinal));
        Assert.Equal("tty1\nttyS0\n", File.ReadAllText(dir.HostPath("sysroot/etc/securetty")));
    }

    [Fact]
    public void Row105_default_boot_services_are_linked_once_and_the_marker_removed()
    {
        using var dir = new TempRoot("ks-alpine-services-");
        dir.Write("sysroot/etc/.default_boot_services", "");

        var (code, output) = Call("", $"sysroot={dir.HostPath("sysroot")}; enable_default_services", dir);

        Assert.True(code == 0, output);
        Assert.Equal("/etc/init.d/sshd", new FileInfo(dir.HostPath("sysroot/etc/runlevels/default/sshd")).LinkTarget);
        Assert.Equal("/etc/init.d/udev", new FileInfo(dir.HostPath("sysroot/etc/runlevels/sysinit/udev")).LinkTarget);
        Assert.Equal("/etc/init.d/savecache", new FileInfo(dir.HostPath("sysroot/etc/runlevels/shutdown/savecache")).LinkTarget);
        Assert.False(File.Exists(dir.HostPath("sysroot/etc/.default_boot_services")));
    }
}

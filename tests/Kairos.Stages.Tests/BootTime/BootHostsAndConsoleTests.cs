using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>Executed boot stages of the hosts/hostname, recovery, reset and installer configs, per boot mode.</summary>
public sealed class BootHostsAndConsoleTests
{
    private const string Alpine = "Alpine Linux v3.21";
    private const string Inittab = "::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\ntty2::respawn:/sbin/getty 38400 tty2\n";
    private const string MachineId = "3f9a0c5e2b7d4e61a8c0d2f4b6e8a1c3";

    private static BootRoot NewRoot(BootMode mode, string serviceManager = "systemd")
    {
        Assert.SkipUnless(Environment.UserName == "root" && BusyboxRoot.Available, "needs root (chroot) and a static busybox (build/install-deps.sh)");
        var root = new BootRoot(mode, serviceManager);
        root.Directory.Write("etc/machine-id", MachineId + "\n");
        root.Directory.Write("etc/hosts", "127.0.0.1 localhost image-build-host\n");
        return root;
    }

    private static string? LinkOf(BootRoot root, string path) => new FileInfo(root.HostPath(path)).LinkTarget;

    [Theory]
    [InlineData("active")]
    [InlineData("live")]
    public async Task Row68_Row69_hosts_and_hostname_are_regenerated_on_the_persistent_partition(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));
        // Left by the previous boot: a user's edit and an old name, which a boot rewrites.
        root.Directory.Write("usr/local/etc/hosts", "10.0.0.9 edited\n");
        root.Directory.Write("usr/local/etc/hostname", "old-name\n");

        var result = await BootStages.RunAsync(root, "31_hosts.yaml", "initramfs");

        Assert.Equal("/usr/local/etc/hosts", LinkOf(root, "etc/hosts"));
        Assert.Equal("/usr/local/etc/hostname", LinkOf(root, "etc/hostname"));
        Assert.Equal("kairos-3f9a\n", root.Read("usr/local/etc/hostname"));
        Assert.Equal("127.0.0.1 localhost kairos-3f9a\n::1       localhost\n", root.Read("usr/local/etc/hosts"));
        Assert.Equal((UnixFileMode)0x1A4, root.ModeOf("usr/local/etc/hosts"));
        Assert.Empty(BootStages.Failures(result));
    }

    [Fact]
    public async Task Row68_Row69_links_already_in_place_are_kept()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("usr/local/etc/hosts", "127.0.0.1 localhost mine\n");
        File.Delete(root.HostPath("etc/hosts"));
        File.CreateSymbolicLink(root.HostPath("etc/hosts"), "/usr/local/etc/hosts");
        root.Directory.Write("usr/local/etc/hostname", "mine\n");
        File.CreateSymbolicLink(root.HostPath("etc/hostname"), "/usr/local/etc/hostname");

        var result = await BootStages.RunAsync(root, "31_hosts.yaml", "initramfs");

        Assert.DoesNotContain("Persistent hostname from the machine-id", BootStages.Ran(result));
        Assert.Equal("127.0.0.1 localhost mine\n", root.Read("usr/local/etc/hosts"));
        Assert.Equal("mine\n", root.Read("usr/local/etc/hostname"));
    }

    [Fact]
    public async Task Row68_recovery_keeps_the_image_files()
    {
        using var root = NewRoot(BootMode.Recovery);

        await BootStages.RunAsync(root, "31_hosts.yaml", "initramfs");

        Assert.Null(LinkOf(root, "etc/hosts"));
        Assert.False(root.Exists("usr/local/etc"));
    }

    [Theory]
    [InlineData("systemd")]
    [InlineData("openrc")]
    public async Task Row72_recovery_boot_names_the_host_and_prints_the_hint(string manager)
    {
        using var root = NewRoot(BootMode.Recovery, manager);
        root.Directory.Write("etc/os-release", "ID=debian\nVERSION=\"12 (bookworm)\"\n");
        root.Directory.Write("etc/issue", "Debian GNU/Linux 12 \\n \\l\n");

        await BootStages.RunAsync(root, "50_recovery.yaml", "boot");

        Assert.Equal("cos-recovery\n", root.Read("etc/hostname"));
        Assert.Equal(
            "Debian GNU/Linux 12 \\n \\l\n\nYou are booting from recovery mode. Run 'kairos-agent reset' to reset the system to 12 (bookworm)\n or 'kairos-agent upgrade' to upgrade the active partition\n\n",
            root.Read("etc/issue"));
    }

    [Fact]
    public async Task Row71_remote_recovery_takes_tty1_from_getty()
    {
        using var root = NewRoot(BootMode.Active.WithCommandLine("vga=795 nomodeset kairos.remote_recovery_mode"));

        await BootStages.RunAsync(root, "50_recovery.yaml", "initramfs");

        Assert.Equal("disable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-recovery\n", root.Calls("systemctl"));
        var unit = root.Read("etc/systemd/system/kairos-recovery.service");
        Assert.Contains("LimitNOFILE=49152", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStartPost=/bin/sh -c \"kill -SIGRTMIN+20 1\"", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("Restart=", unit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50_recovery.yaml", "vga=795 nomodeset kairos.remote_recovery_mode", "tty1::respawn:/usr/bin/kairos-agent recovery tty1")]
    [InlineData("51_reset.yaml", "", "tty1::respawn:/usr/bin/kairos-agent reset --unattended --reboot tty1")]
    [InlineData("52_installer.yaml", "install-mode", "tty1::respawn:/usr/bin/kairos-agent install tty1")]
    [InlineData("52_installer.yaml", "nodepair.enable", "tty1::respawn:/usr/bin/kairos-agent install tty1")]
    [InlineData("52_installer.yaml", "install-mode-interactive", "tty1::respawn:/usr/bin/kairos-agent interactive-install --shell tty1")]
    public async Task Row71_Row73_Row74_Row75_OpenRC_hands_tty1_to_the_agent(string file, string extra, string line)
    {
        var mode = file == "51_reset.yaml" ? BootMode.StateReset : file == "52_installer.yaml" ? BootMode.Live : BootMode.Active;
        using var root = NewRoot(mode.WithCommandLine(extra), "openrc");
        root.Directory.Write("etc/inittab", Inittab);

        await BootStages.RunAsync(root, file, "initramfs", Alpine);

        var tty1 = root.Read("etc/inittab").Split('\n').Where(l => l.StartsWith("tty1:", StringComparison.Ordinal)).ToList();
        Assert.Equal([line], tty1);
        Assert.Contains("tty2::respawn:/sbin/getty 38400 tty2", root.Read("etc/inittab"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("statereset", "")]
    [InlineData("active", "kairos.reset")]
    public async Task Row73_reset_service_masks_the_tty1_getty(string mode, string extra)
    {
        using var root = NewRoot(BootMode.Named(mode).WithCommandLine(extra));

        await BootStages.RunAsync(root, "51_reset.yaml", "initramfs");

        Assert.Equal("disable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-reset\n", root.Calls("systemctl"));
        Assert.Contains("TimeoutStopSec=10s", root.Read("etc/systemd/system/kairos-reset.service"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row73_OpenRC_statereset_without_kairos_reset_keeps_tty1()
    {
        using var root = NewRoot(BootMode.Recovery, "openrc");
        root.Directory.Write("etc/inittab", Inittab);
        root.Directory.Write("run/cos/autoreset_mode", "1");

        await BootStages.RunAsync(root, "51_reset.yaml", "initramfs", Alpine);

        Assert.Equal(Inittab, root.Read("etc/inittab"));
    }

    [Theory]
    [InlineData("live", "install-mode", "disable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-installer\nenable kairos-webui\n")]
    [InlineData("uki-install", "nodepair.enable", "disable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-installer\nenable kairos-webui\n")]
    [InlineData("live", "install-mode-interactive", "disable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-installer\nenable kairos-webui\nstop kairos-installer\ndisable kairos-installer\ndisable getty@tty1\nstop getty@tty1\nmask getty@tty1\nenable kairos-interactive\n")]
    [InlineData("live", "", "")]
    [InlineData("active", "install-mode", "")]
    public async Task Row74_Row75_installers_on_install_media(string mode, string extra, string calls)
    {
        using var root = NewRoot(BootMode.Named(mode).WithCommandLine(extra));

        await BootStages.RunAsync(root, "52_installer.yaml", "initramfs");

        Assert.Equal(calls, root.Calls("systemctl"));
        if (calls.Contains("kairos-interactive", StringComparison.Ordinal))
        {
            Assert.Contains("Type=oneshot", root.Read("etc/systemd/system/kairos-interactive.service"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("live", "systemd", "start kairos-webui\n")]
    [InlineData("uki-install", "systemd", "start kairos-webui\n")]
    [InlineData("active", "systemd", "")]
    [InlineData("live", "openrc", "kairos-webui start\n")]
    public async Task Row76_web_installer_starts_on_every_install_media_boot(string mode, string manager, string calls)
    {
        using var root = NewRoot(BootMode.Named(mode), manager);

        await BootStages.RunAsync(root, "52_installer.yaml", "boot", Alpine);

        Assert.Equal(calls, root.Calls(manager == "systemd" ? "systemctl" : "rc-service"));
        Assert.Equal(manager == "systemd" && calls != "", root.Exists("etc/systemd/system/kairos-webui.service"));
    }
}

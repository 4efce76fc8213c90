using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>Executed boot stages of the network, OpenRC services, accounting, kcrypt, SELinux, VM, blacklist and ulimit configs.</summary>
public sealed class BootNetworkAndServicesTests
{
    private const string Rhel = "Red Hat Enterprise Linux 9.4 (Plow)";
    private const string Inittab = "::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\nttyS0::respawn:/sbin/getty 9600 ttyS0\n";

    private static BootRoot NewRoot(BootMode mode, string serviceManager = "systemd", string pretty = "Debian GNU/Linux 12 (bookworm)")
    {
        Assert.SkipUnless(Environment.UserName == "root" && BusyboxRoot.Available, "needs root (chroot) and a static busybox (build/install-deps.sh)");
        return new BootRoot(mode, serviceManager, pretty);
    }

    [Theory]
    [InlineData("systemd", "Debian GNU/Linux 12 (bookworm)", true)]
    [InlineData("systemd", "openSUSE Leap 15.6", true)]
    [InlineData("openrc", "Alpine Linux v3.21", false)]
    public async Task Row29_DHCP_files_are_written_into_the_initramfs_root(string manager, string pretty, bool expected)
    {
        using var root = NewRoot(BootMode.Active, manager, pretty);

        await BootStages.RunAsync(root, "05_network.yaml", "rootfs.before", pretty);

        Assert.Equal(expected, root.Exists("etc/systemd/network/20-dhcp.network"));
        if (expected)
        {
            Assert.Equal((UnixFileMode)0x1FD, root.ModeOf("etc/systemd/network"));
            Assert.Contains("Name=eth*", root.Read("etc/systemd/network/20-dhcp-legacy.network"), StringComparison.Ordinal);
            Assert.Contains("ClientIdentifier=mac", root.Read("etc/systemd/network/20-dhcp.network"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Row30_Row32_real_root_gets_DHCP_files_a_reload_and_the_resolved_resolv_conf()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("etc/hosts", "127.0.0.1 localhost\n");
        root.Directory.Write("etc/resolv.conf", "nameserver 10.0.0.1\n");

        var result = await BootStages.RunAsync(root, "05_network.yaml", "initramfs");

        Assert.Empty(BootStages.Failures(result));
        Assert.True(root.Exists("etc/systemd/network/20-dhcp.network"));
        Assert.Equal("reload\n", root.Calls("networkctl"));
        Assert.Equal("/run/systemd/resolve/resolv.conf", new FileInfo(root.HostPath("etc/resolv.conf")).LinkTarget);
        Assert.DoesNotContain("NetworkManager", root.Calls("systemctl"), StringComparison.Ordinal);
        Assert.DoesNotContain("systemd-networkd", root.Calls("systemctl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row31_SUSE_disables_NetworkManager_and_wicked()
    {
        using var root = NewRoot(BootMode.Active, pretty: "SUSE Linux Enterprise Server 15 SP6");

        await BootStages.RunAsync(root, "05_network.yaml", "initramfs", "SUSE Linux Enterprise Server 15 SP6");

        Assert.Contains("disable NetworkManager wicked", root.Calls("systemctl"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Rhel, true)]
    [InlineData("Fedora Linux 41 (Container Image)", false)]
    [InlineData("Rocky Linux 9.4 (Blue Onyx)", false)]
    public async Task Row33_networkd_and_resolved_are_enabled_on_Red_Hat_only(string pretty, bool expected)
    {
        using var root = NewRoot(BootMode.Active, pretty: pretty);
        root.Directory.Write("usr/lib/systemd/systemd-networkd", "");
        root.Directory.Write("usr/lib/systemd/systemd-resolved", "");

        await BootStages.RunAsync(root, "05_network.yaml", "initramfs", pretty);

        Assert.Equal(expected, root.Calls("systemctl").Contains("enable systemd-networkd", StringComparison.Ordinal));
        Assert.Equal(expected, root.Calls("systemctl").Contains("enable systemd-resolved", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("recovery")]
    public async Task Row41_Row42_Row43_OpenRC_services_banner_and_runlevel_in_every_mode(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode), "openrc", "Alpine Linux v3.21");

        var result = await BootStages.RunAsync(root, "09_openrc_services.yaml", "initramfs", "Alpine Linux v3.21");

        Assert.Empty(BootStages.Failures(result));
        foreach (var service in new[] { "cos-setup-boot", "cos-setup-network", "cos-setup-reconcile", "kairos-agent" })
        {
            Assert.Equal("../../init.d/" + service, new FileInfo(root.HostPath("etc/runlevels/default/" + service)).LinkTarget);
            Assert.Equal((UnixFileMode)0x1ED, root.ModeOf("etc/init.d/" + service));
        }

        Assert.False(root.Exists("etc/runlevels/default/kairos-webui"));
        Assert.Contains("respawn_delay=360", root.Read("etc/init.d/cos-setup-reconcile"), StringComparison.Ordinal);
        Assert.Contains("/var/log/kairos/webui.log", root.Read("etc/init.d/kairos-webui"), StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)0x1ED, root.ModeOf("etc/issue"));
        Assert.EndsWith("Kernel \\r on an \\m (\\l)\n", root.Read("etc/issue"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("live")]
    public async Task Row55_OEM_and_cloud_config_are_owned_by_admins_recursively(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));
        root.Directory.Write("oem/90_custom.yaml", "#cloud-config\n");
        root.Directory.Write("usr/local/cloud-config/user.yaml", "#cloud-config\n");

        await BootStages.RunAsync(root, "10_accounting.yaml", "initramfs");

        foreach (var path in new[] { "oem", "oem/90_custom.yaml", "usr/local/cloud-config", "usr/local/cloud-config/user.yaml" })
        {
            Assert.Equal(900, Kairos.Stages.Tests.Actions.FileStatProbe.Owner(root.HostPath(path)).Gid);
        }

        Assert.Equal((UnixFileMode)0x1F8, root.ModeOf("oem"));
        Assert.Equal((UnixFileMode)0x1F8, root.ModeOf("usr/local/cloud-config"));
    }

    [Theory]
    [InlineData("active", true)]
    [InlineData("live", false)]
    public async Task Row56_OpenRC_serial_getty_replaces_existing_ttyS0_lines(string mode, bool replaced)
    {
        using var root = NewRoot(BootMode.Named(mode), "openrc", "Alpine Linux v3.21");
        root.Directory.Write("etc/inittab", Inittab);

        await BootStages.RunAsync(root, "10_accounting.yaml", "initramfs.after", "Alpine Linux v3.21");

        var ttyS0 = root.Read("etc/inittab").Split('\n').Where(l => l.StartsWith("ttyS0:", StringComparison.Ordinal)).ToList();
        Assert.Equal(replaced ? ["ttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100"] : ["ttyS0::respawn:/sbin/getty 9600 ttyS0"], ttyS0);
    }
}

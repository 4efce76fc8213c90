using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>Executed boot stages of the kcrypt, SELinux, VM guest agent, bpfilter and ulimit configs.</summary>
public sealed class BootMachineTests
{
    private const string Alpine = "Alpine Linux v3.21";

    private static BootRoot NewRoot(BootMode mode, string serviceManager = "systemd", string pretty = "Debian GNU/Linux 12 (bookworm)")
    {
        Assert.SkipUnless(Environment.UserName == "root" && BusyboxRoot.Available, "needs root (chroot) and a static busybox (build/install-deps.sh)");
        return new BootRoot(mode, serviceManager, pretty);
    }

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("true", false, false)]
    [InlineData("false", true, false)]
    public async Task Row60_kcrypt_plugins_are_copied_to_an_OEM_that_has_discovery(string found, bool discovery, bool copied)
    {
        using var root = NewRoot(BootMode.Active);
        root.Stub("usr/bin/kairos-agent", $"case \"$*\" in \"state get oem.found\") echo {found};; \"state get oem.name\") echo /dev/fake-oem;; esac");
        root.Directory.Write("system/discovery/kcrypt-discovery-challenger", "new plugin");
        // The OEM file system as the mount would show it (the stand-in mounts nothing).
        root.Directory.Write("tmp/mnt/OEM/system/.keep", "");
        if (discovery)
        {
            root.Directory.Write("tmp/mnt/OEM/system/discovery/kcrypt-discovery-challenger", "old plugin");
        }

        await BootStages.RunAsync(root, "21_kcrypt.yaml", "after-upgrade");

        Assert.Equal(copied, root.Exists("tmp/mnt/OEM/system/discovery/kcrypt-discovery-challenger") && root.Read("tmp/mnt/OEM/system/discovery/kcrypt-discovery-challenger") == "new plugin");
        Assert.Equal(discovery, root.Exists("tmp/mnt/OEM/system/discovery"));
        Assert.Equal(found == "true", root.Calls("mount").Contains("/dev/fake-oem /tmp/mnt/OEM", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("selinux=1", true)]
    [InlineData("", false)]
    public async Task Row63_selinux_relabels_every_writable_path(string extra, bool expected)
    {
        using var root = NewRoot(BootMode.Active.WithCommandLine(extra));
        root.Stub("usr/sbin/load_policy");
        root.Stub("usr/sbin/restorecon");

        await BootStages.RunAsync(root, "26_selinux.yaml", "initramfs");

        Assert.Equal(expected ? "-i\n" : "", root.Calls("load_policy"));
        Assert.Equal(expected ? "-R -i -v /etc /root /opt /srv /var /home /usr/local /oem\n" : "", root.Calls("restorecon"));
    }

    /// <summary>The detector table of upstream's unit test: DMI vendor and product name.</summary>
    [Theory]
    [InlineData("QEMU", "Standard PC (Q35 + ICH9, 2009)", "start qemu-guest-agent\n")]
    [InlineData("QEMU", "Standard PC (i440FX + PIIX, 1996)", "start qemu-guest-agent\n")]
    [InlineData("Red Hat", "KVM", "start qemu-guest-agent\n")]
    [InlineData("QEMU", "QEMU Virtual Machine", "start qemu-guest-agent\n")]
    [InlineData("Microsoft Corporation", "Virtual Machine", "start qemu-guest-agent\n")]
    [InlineData("Dell Inc.", "PowerEdge R640", "")]
    [InlineData("AMI", "Standard PC", "")]
    [InlineData("QEMU Solutions Ltd", "Standard PC", "")]
    [InlineData(null, null, "")]
    [InlineData("innotek GmbH", "VirtualBox", "start vmtoolsd\n")]
    [InlineData("VMware, Inc.", "VMware Virtual Platform", "start vmtoolsd\n")]
    public async Task Row64_guest_agent_follows_the_DMI_detector(string? vendor, string? product, string expected)
    {
        using var root = NewRoot(BootMode.Active);
        if (vendor is not null)
        {
            root.Directory.Write("sys/class/dmi/id/sys_vendor", vendor + "\n");
            root.Directory.Write("sys/class/dmi/id/product_name", product + "\n");
        }

        await BootStages.RunAsync(root, "26_vm.yaml", "boot");

        Assert.Equal(expected, root.Calls("systemctl"));
    }

    [Fact]
    public async Task Row64_OpenRC_starts_the_same_agents_with_rc_service()
    {
        using var root = NewRoot(BootMode.Active, "openrc", Alpine);
        root.Directory.Write("sys/class/dmi/id/sys_vendor", "QEMU\n");
        root.Directory.Write("sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n");

        await BootStages.RunAsync(root, "26_vm.yaml", "boot", Alpine);

        Assert.Equal("qemu-guest-agent start\n", root.Calls("rc-service"));
    }

    [Theory]
    [InlineData("openrc", true)]
    [InlineData("systemd", false)]
    public async Task Row65_bpfilter_install_rule_on_OpenRC(string manager, bool expected)
    {
        using var root = NewRoot(BootMode.Active, manager, Alpine);

        await BootStages.RunAsync(root, "29_blacklist.yaml", "initramfs.before", Alpine);

        Assert.Equal(expected, root.Exists("etc/modprobe.d/blacklist_bpfilter.conf"));
        if (expected)
        {
            Assert.Equal("install bpfilter /bin/false\n", root.Read("etc/modprobe.d/blacklist_bpfilter.conf"));
        }
    }

    [Fact]
    public async Task Row67_OpenRC_open_file_limit_is_set_once_per_boot()
    {
        using var root = NewRoot(BootMode.Active, "openrc", Alpine);
        root.Directory.Write("etc/rc.conf", "rc_parallel=\"NO\"\n");

        await BootStages.RunAsync(root, "30_ulimit.yaml", "boot.before", Alpine);
        await BootStages.RunAsync(root, "30_ulimit.yaml", "boot.before", Alpine);

        Assert.Equal("rc_parallel=\"NO\"\nrc_ulimit=\"-n 1048576\"\n", root.Read("etc/rc.conf"));
    }
}

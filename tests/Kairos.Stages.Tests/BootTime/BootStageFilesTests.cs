using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>Executed boot stages of the datasource, autologin, home-fix, c3os and agent configs, per boot mode.</summary>
public sealed class BootStageFilesTests
{
    private static BootRoot NewRoot(BootMode mode, string serviceManager = "systemd")
    {
        Assert.SkipUnless(Environment.UserName == "root" && BusyboxRoot.Available, "needs root (chroot) and a static busybox (build/install-deps.sh)");
        return new BootRoot(mode, serviceManager);
    }

    [Fact]
    public async Task Row02_legacy_userdata_directory_moves_to_95_userdata()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("oem/userdata/userdata.yaml", "#cloud-config\n");

        await BootStages.RunAsync(root, "00_datasource.yaml", "rootfs.before");

        Assert.Equal("#cloud-config\n", root.Read("oem/95_userdata/userdata.yaml"));
        Assert.False(root.Exists("oem/userdata"));
        Assert.False(root.Exists("run/.userdata_load"));
    }

    [Fact]
    public async Task Row06_no_user_data_leaves_the_sentinel_for_the_network_stage()
    {
        using var root = NewRoot(BootMode.Active);

        await BootStages.RunAsync(root, "00_datasource.yaml", "initramfs.before");

        Assert.True(root.Exists("run/.userdata_load"));
    }

    [Theory]
    [InlineData("uki-boot", "", false)]
    [InlineData("uki-boot", "kairos.pull_datasources", true)]
    [InlineData("active", "", true)]
    public async Task Row05_UKI_boots_pull_datasources_only_when_asked(string mode, string extra, bool pulls)
    {
        using var root = NewRoot(BootMode.Named(mode).WithCommandLine(extra));

        var result = await BootStages.RunAsync(root, "00_datasource.yaml", "rootfs.before");

        Assert.Equal(pulls, BootStages.Ran(result).Contains("Pull data from the datasource"));
    }

    [Fact]
    public async Task Row06_user_data_found_by_the_network_stage_replays_initramfs_and_boot_once()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("run/.userdata_load", "");
        root.Directory.Write("oem/95_userdata/userdata.yaml", "#cloud-config\n");

        await BootStages.RunAsync(root, "00_datasource.yaml", "network");

        Assert.Equal("run-stage initramfs --override-cloud-init-paths /oem/95_userdata\nrun-stage boot --override-cloud-init-paths /oem/95_userdata\n", root.Calls("kairos-agent"));
        Assert.False(root.Exists("run/.userdata_load"));
    }

    [Theory]
    [InlineData("live", "", true)]
    [InlineData("uki-install", "", true)]
    [InlineData("active", "", false)]
    [InlineData("live", "interactive-install", false)]
    public async Task Row62_root_autologin_on_live_media_systemd(string mode, string extra, bool expected)
    {
        using var root = NewRoot(BootMode.Named(mode).WithCommandLine(extra));

        await BootStages.RunAsync(root, "25_autologin.yaml", "initramfs");

        Assert.Equal(expected, root.Exists("etc/systemd/system/getty@tty1.service.d/override.conf"));
        Assert.Equal(expected, root.Exists("etc/systemd/system/serial-getty@ttyS0.service.d/override.conf"));
    }

    [Fact]
    public async Task Row62_root_autologin_on_live_media_openrc_rewrites_inittab()
    {
        using var root = NewRoot(BootMode.Live, "openrc");
        root.Directory.Write("etc/inittab", "::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\nttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100\n");

        await BootStages.RunAsync(root, "25_autologin.yaml", "initramfs");

        var inittab = root.Read("etc/inittab");
        Assert.Contains("tty1::respawn:/sbin/agetty --autologin root -i --noclear tty1", inittab, StringComparison.Ordinal);
        Assert.DoesNotContain("/sbin/getty 38400 tty1", inittab, StringComparison.Ordinal);
        Assert.StartsWith("You are booting from livecd mode", root.Read("etc/motd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row07_home_directories_are_re_owned_once()
    {
        using var root = NewRoot(BootMode.Active);
        File.AppendAllText(root.HostPath("etc/passwd"), "alice:x:1000:1000::/home/alice:/bin/sh\nsvc:x:999:999::/home/svc:/bin/sh\n");
        File.AppendAllText(root.HostPath("etc/group"), "alice:x:1000:\nsvc:x:999:\n");
        root.Directory.Write("home/alice/notes", "x");
        root.Directory.Write("home/svc/notes", "x");

        await BootStages.RunAsync(root, "00_home_dir_owner_fix.yaml", "network");

        Assert.Equal(1000, Kairos.Stages.Tests.Actions.FileStatProbe.Owner(root.HostPath("home/alice/notes")).Uid);
        Assert.Equal(0, Kairos.Stages.Tests.Actions.FileStatProbe.Owner(root.HostPath("home/svc/notes")).Uid);
        Assert.True(root.Exists("usr/local/.kairos/skip-home-directory-ownership-fix"));
        Assert.Equal((UnixFileMode)0x1ED, root.ModeOf("usr/local/bin/fix-home-dir-ownership"));
    }

    [Fact]
    public async Task Row61_c3os_state_moves_to_kairos()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("usr/local/.c3os/state", "s");

        await BootStages.RunAsync(root, "23_c3os.yaml", "fs.after");

        Assert.Equal("s", root.Read("usr/local/.kairos/state"));
    }

    [Theory]
    [InlineData("active", true)]
    [InlineData("live", true)]
    [InlineData("recovery", false)]
    public async Task Row26_agent_is_started_at_boot_except_in_recovery(string mode, bool expected)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "02_agent.yaml", "boot");

        Assert.Equal(expected, root.Calls("systemctl").Contains("start --no-block kairos-agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Row44_sysctl_defaults_are_written_at_boot_on_OpenRC_too()
    {
        using var root = NewRoot(BootMode.Active, "openrc");
        foreach (var key in new[] { "vm/max_map_count", "net/core/rmem_max", "fs/inotify/max_user_instances", "fs/inotify/max_user_watches" })
        {
            root.Directory.Write("proc/sys/" + key, "0");
        }

        await BootStages.RunAsync(root, "09_systemd_services.yaml", "boot");

        Assert.Equal("262144", root.Read("proc/sys/vm/max_map_count"));
        Assert.Equal("7500000", root.Read("proc/sys/net/core/rmem_max"));
        Assert.Equal("524288", root.Read("proc/sys/fs/inotify/max_user_watches"));
    }
}

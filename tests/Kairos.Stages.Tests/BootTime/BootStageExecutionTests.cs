using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// The build-safe boot stages of the shipped cloud-configs executed by our engine against a root
/// carrying each boot mode's /run/cos flags and /proc/cmdline; the effects are asserted.
/// </summary>
public sealed class BootStageExecutionTests
{
    private const string BindPaths = "/etc/cni /etc/init.d /etc/iscsi /etc/k0s /etc/kubernetes /etc/modprobe.d /etc/pwx /etc/rancher /etc/runlevels /etc/ssh /etc/ssl/certs /etc/sysconfig /etc/systemd /etc/zfs /home /opt /root /usr/libexec /var/cores /var/lib/ca-certificates /var/lib/cni /var/lib/containerd /var/lib/calico /var/lib/dbus /var/lib/etcd /var/lib/extensions /var/lib/confexts /var/lib/k0s /var/lib/kubelet /var/lib/longhorn /var/lib/osd /var/lib/rancher /var/lib/rook /var/lib/tailscale /var/lib/wicked /var/lib/kairos /var/log";

    private static BootRoot NewRoot(BootMode mode, string serviceManager = "systemd", string pretty = "Debian GNU/Linux 12 (bookworm)")
    {
        Assert.SkipUnless(Environment.UserName == "root" && BusyboxRoot.Available, "needs root (chroot) and a static busybox (build/install-deps.sh)");
        return new BootRoot(mode, serviceManager, pretty);
    }

    private static Dictionary<string, string> Env(BootRoot root, string path) =>
        Kairos.Stages.Engine.Actions.DotEnv.Parse(root.Read(path)).ToDictionary(p => p.Key, p => p.Value);

    [Theory]
    [InlineData("active")]
    [InlineData("passive")]
    [InlineData("live")]
    [InlineData("uki-boot")]
    public async Task Row08_Row09_layout_persists_37_paths_on_COS_PERSISTENT(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        var env = Env(root, "run/cos/cos-layout.env");
        Assert.Equal("LABEL=COS_PERSISTENT:/usr/local", env["VOLUMES"]);
        Assert.Equal("tmpfs:25%", env["OVERLAY"]);
        Assert.Equal("/var /etc /srv", env["RW_PATHS"]);
        Assert.Equal(BindPaths, env["PERSISTENT_STATE_PATHS"]);
    }

    [Theory]
    [InlineData("recovery")]
    [InlineData("statereset")]
    public async Task Row10_Row11_recovery_and_statereset_only_size_the_overlay(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        Assert.Equal(new Dictionary<string, string> { ["OVERLAY"] = "tmpfs:25%" }, Env(root, "run/cos/cos-layout.env"));
    }

    [Fact]
    public async Task Row12_UKI_installer_overlays_four_paths_without_persistence()
    {
        using var root = NewRoot(BootMode.UkiInstall);

        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        Assert.Equal(new Dictionary<string, string> { ["OVERLAY"] = "tmpfs:25%", ["RW_PATHS"] = "/var /etc /srv /home" }, Env(root, "run/cos/cos-layout.env"));
    }

    [Fact]
    public async Task Row13_machine_id_commit_is_masked()
    {
        using var root = NewRoot(BootMode.Active);

        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        Assert.Contains("mask systemd-machine-id-commit.service", root.Calls("systemctl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row14_custom_bind_and_ephemeral_mounts_are_merged_once()
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("run/cos/custom-layout.env", "CUSTOM_BIND_MOUNTS=\"/var/lib/mydb /etc/myapp\"\nCUSTOM_EPHEMERAL_MOUNTS=\"/var/cache/scratch\"\n");
        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        var result = await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs.after");

        Assert.Contains("Add the user's bind and ephemeral mounts", BootStages.Ran(result));
        var env = Env(root, "run/cos/cos-layout.env");
        Assert.Equal(BindPaths + " /var/lib/mydb /etc/myapp", env["PERSISTENT_STATE_PATHS"]);
        Assert.Equal("/var /etc /srv /var/cache/scratch", env["RW_PATHS"]);
        Assert.Equal("LABEL=COS_PERSISTENT:/usr/local", env["VOLUMES"]);
        Assert.Single(root.Read("run/cos/cos-layout.env").Split('\n'), l => l.StartsWith("RW_PATHS=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("recovery")]
    [InlineData("live")]
    public async Task Row14_custom_mounts_are_not_merged_in_recovery_or_live(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));
        root.Directory.Write("run/cos/custom-layout.env", "CUSTOM_BIND_MOUNTS=\"/var/lib/mydb\"\n");
        await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs");

        var result = await BootStages.RunAsync(root, "00_rootfs.yaml", "rootfs.after");

        Assert.DoesNotContain("Add the user's bind and ephemeral mounts", BootStages.Ran(result));
        Assert.DoesNotContain("/var/lib/mydb", root.Read("run/cos/cos-layout.env"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Debian GNU/Linux 12 (bookworm)", "/snap /var/snap /var/lib/snapd")]
    [InlineData("Fedora Linux 41 (Container Image)", "/usr/share/pki/trust /usr/share/pki/trust/anchors")]
    public async Task Row23_Row24_distro_specific_binds_go_to_extra_layout(string pretty, string paths)
    {
        using var root = NewRoot(BootMode.Active, pretty: pretty);

        await BootStages.RunAsync(root, "01_extra_binds.yaml", "rootfs", pretty);

        Assert.Equal(paths, Env(root, "run/cos/extra-layout.env")["PERSISTENT_STATE_PATHS"]);
    }

    [Fact]
    public async Task Row23_Alpine_gets_no_extra_binds()
    {
        using var root = NewRoot(BootMode.Active, "openrc", "Alpine Linux v3.21");

        await BootStages.RunAsync(root, "01_extra_binds.yaml", "rootfs", "Alpine Linux v3.21");

        Assert.False(root.Exists("run/cos/extra-layout.env"));
    }

    [Theory]
    [InlineData("uki-boot", "kairos-uki.conf", "root=verity+signed+absent:usr=verity+signed+absent")]
    [InlineData("active", "kairos.conf", "root=verity+absent:usr=verity+absent")]
    [InlineData("live", "kairos.conf", "root=verity+absent:usr=verity+absent")]
    public async Task Row78_sysext_policy_follows_uki_boot_mode(string mode, string dropIn, string policy)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "99_sysext.yaml", "initramfs");

        var sysext = root.Read($"etc/systemd/system/systemd-sysext.service.d/{dropIn}");
        Assert.Contains($"ExecStart=/usr/bin/systemd-sysext refresh --image-policy={policy}", sysext, StringComparison.Ordinal);
        Assert.Contains($"ExecReload=/usr/bin/systemd-sysext refresh --image-policy={policy}", sysext, StringComparison.Ordinal);
        Assert.Contains("JobRunningTimeoutSec=5", sysext, StringComparison.Ordinal);
        Assert.Contains($"--image-policy={policy}", root.Read($"etc/systemd/system/systemd-confext.service.d/{dropIn}"), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(root.HostPath("etc/systemd/system/systemd-sysext.service.d")));
        Assert.Contains("enable systemd-sysext", root.Calls("systemctl"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recovery")]
    [InlineData("statereset")]
    public async Task Row78_recovery_and_statereset_keep_the_stock_sysext_units(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "99_sysext.yaml", "initramfs");

        Assert.False(root.Exists("etc/systemd/system/systemd-sysext.service.d"));
        Assert.False(root.Exists("etc/profile.d/systemd-sysext.sh"));
    }

    [Theory]
    [InlineData("uki-boot", true)]
    [InlineData("active", false)]
    [InlineData("uki-install", false)]
    public async Task Row51_TPM_units_get_a_temporary_rw_ESP_only_on_UKI_boots(string mode, bool expected)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "09_systemd_services.yaml", "initramfs");

        Assert.Equal(expected, root.Exists("etc/systemd/system/systemd-tpm2-setup.service.d/efi-rw.conf"));
        Assert.Equal(expected, root.Exists("etc/systemd/system/systemd-pcrproduct.service.d/efi-rw.conf"));
        Assert.True(root.Exists("etc/systemd/system/cos-setup-boot.service"));
    }

    [Theory]
    [InlineData("uki-boot", true)]
    [InlineData("active", false)]
    public async Task Row34_EFI_boot_assessment_on_UKI_boots(string mode, bool expected)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "08_efi_assessment.yaml", "initramfs");

        Assert.Equal(expected, root.Exists("etc/systemd/system/systemd-bless-boot.service.d/override.conf"));
        Assert.Equal(expected, root.Exists("etc/systemd/system/systemd-boot-random-seed.service.d/override.conf"));
        Assert.Equal(expected, root.Calls("systemctl").Contains("enable systemd-bless-boot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Row35_a_good_active_boot_clears_the_boot_assessment_flags()
    {
        using var root = NewRoot(BootMode.Active);

        await BootStages.RunAsync(root, "08_grub.yaml", "boot.before");

        Assert.Equal(
            "/run/initramfs/cos-state/boot_assessment set enable_boot_assessment=\n/run/initramfs/cos-state/boot_assessment set boot_assessment_tentative=\n",
            root.Calls("grub2-editenv"));
        Assert.Equal("-o remount,rw /run/initramfs/cos-state\n-o remount,ro /run/initramfs/cos-state\n", root.Calls("mount"));
        Assert.False(root.Exists("run/cos/upgrade_failure"));
    }

    [Theory]
    [InlineData("passive")]
    [InlineData("uki-boot")]
    public async Task Row35_other_boots_leave_the_flags_alone(string mode)
    {
        using var root = NewRoot(BootMode.Named(mode));

        await BootStages.RunAsync(root, "08_grub.yaml", "boot.before");

        Assert.Equal("", root.Calls("grub2-editenv"));
    }

    [Fact]
    public async Task Row36_a_fallback_boot_after_a_failed_upgrade_writes_the_sentinel()
    {
        using var root = NewRoot(BootMode.Passive.WithCommandLine("upgrade_failure"));

        await BootStages.RunAsync(root, "08_grub.yaml", "boot.before");

        Assert.Equal("1", root.Read("run/cos/upgrade_failure"));
        Assert.Equal((UnixFileMode)0x180, root.ModeOf("run/cos/upgrade_failure"));
    }

    [Theory]
    [InlineData("after-install", false)]
    [InlineData("after-upgrade", true)]
    [InlineData("after-reset", false)]
    public async Task Row37_Row38_lifecycle_hooks_install_the_assessment_on_COS_STATE(string stage, bool armed)
    {
        using var root = NewRoot(BootMode.Active);
        root.Directory.Write("etc/cos/grub_boot_assessment", GrubDisks.Shipped("grub/boot_assessment.cfg"));
        root.Directory.Write("etc/cos/grubcustom_boot_assessment", GrubDisks.Shipped("grub/boot_assessment_hook.cfg"));
        root.Directory.Write("etc/kairos/branding/grubmenu.cfg", GrubDisks.Shipped("branding/grubmenu.cfg"));
        root.Directory.Write("tmp/mnt/STATE/grubcustom", "# user hook\n");

        var first = await BootStages.RunAsync(root, "08_grub.yaml", stage);
        await BootStages.RunAsync(root, "08_grub.yaml", stage);

        // busybox sh runs its own umount applet before any stand-in on PATH; nothing is mounted
        // here, so only the unmount step may fail.
        Assert.All(BootStages.Failures(first), f => Assert.StartsWith("Unmount COS_STATE:", f, StringComparison.Ordinal));
        var custom = root.Read("tmp/mnt/STATE/grubcustom");
        Assert.StartsWith("# user hook\n", custom, StringComparison.Ordinal);
        Assert.Equal(1, custom.Split("set bootfile=/grub_boot_assessment").Length - 1);
        Assert.Equal(GrubDisks.Shipped("grub/boot_assessment.cfg"), root.Read("tmp/mnt/STATE/grub_boot_assessment"));
        Assert.Equal(GrubDisks.Shipped("branding/grubmenu.cfg"), root.Read("tmp/mnt/STATE/grubmenu"));
        Assert.Contains("/dev/fake-state /tmp/mnt/STATE", root.Calls("mount"), StringComparison.Ordinal);
        Assert.Equal(armed, root.Calls("grub2-editenv").Contains("/tmp/mnt/STATE/boot_assessment set enable_boot_assessment=yes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Row37_UKI_boots_skip_every_GRUB_hook()
    {
        using var root = NewRoot(BootMode.UkiBoot);

        var result = await BootStages.RunAsync(root, "08_grub.yaml", "after-upgrade");

        Assert.Empty(BootStages.Ran(result));
    }
}

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// The shipped GRUB menu, bootargs and hooks evaluated by GRUB itself (grub-emu) on real disk
/// images: each entry's kernel command line, the grubenv variables the agent writes, and the
/// boot-assessment fallback after a failed upgrade.
/// </summary>
[Slow(SlowKind.Long)]
public sealed class GrubMenuTests
{
    private const string Base = "console=ttyS0 console=tty1 net.ifnames=1 rd.cos.oemlabel=COS_OEM rd.cos.oemtimeout=10 panic=5 rd.emergency=reboot rd.shell=0 systemd.crash_reboot=yes";

    private static GrubBoot BootWith(GrubDisks disks)
    {
        Assert.SkipUnless(GrubEmulator.Available, "needs grub-emu (build/install-deps.sh)");
        disks.Build();
        return GrubEmulator.Boot(disks);
    }

    private static GrubBoot BootEntry(string id, bool squashfs = false, string model = "generic")
    {
        using var disks = new GrubDisks { SquashfsRecovery = squashfs, Model = model };
        disks.GrubEnv["next_entry"] = id;
        return BootWith(disks);
    }

    [Fact]
    public void Row89_active_entry_boots_active_img_by_label()
    {
        var boot = BootEntry("cos");

        Assert.Equal("cos", boot.Entry);
        Assert.Equal("(loop0)/boot/vmlinuz", boot.Kernel);
        Assert.Equal("(loop0)/boot/initrd", boot.Initrd);
        Assert.Equal($"{Base} root=LABEL=COS_ACTIVE cos-img/filename=/cOS/active.img selinux=0", boot.CommandLine);
    }

    [Fact]
    public void Row89_fallback_entry_boots_passive_img()
    {
        var boot = BootEntry("fallback");

        Assert.Equal("fallback", boot.Entry);
        Assert.Equal($"{Base} root=LABEL=COS_PASSIVE cos-img/filename=/cOS/passive.img selinux=0", boot.CommandLine);
    }

    [Fact]
    public void Row89_recovery_entry_boots_recovery_img_as_COS_SYSTEM()
    {
        var boot = BootEntry("recovery");

        Assert.Equal("recovery", boot.Entry);
        Assert.Equal($"{Base} root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img selinux=0", boot.CommandLine);
    }

    [Fact]
    public void Row93_recovery_entry_boots_a_squashfs_as_a_live_image_from_COS_RECOVERY()
    {
        var boot = BootEntry("recovery", squashfs: true);

        Assert.Equal($"{Base} root=live:LABEL=COS_RECOVERY rd.live.dir=/ rd.live.squashimg=/cOS/recovery.squashfs selinux=0", boot.CommandLine);
    }

    [Fact]
    public void Row90_statereset_entry_adds_kairos_reset()
    {
        var boot = BootEntry("statereset");

        Assert.Equal("statereset", boot.Entry);
        Assert.Equal($"{Base} root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img selinux=0 vga=795 nomodeset kairos.reset", boot.CommandLine);
    }

    [Fact]
    public void Row95_branding_remote_recovery_entry_from_grubmenu()
    {
        var boot = BootEntry("remoterecovery", squashfs: true);

        Assert.Equal("remoterecovery", boot.Entry);
        Assert.Equal($"{Base} root=live:LABEL=COS_RECOVERY rd.live.dir=/ rd.live.squashimg=/cOS/recovery.squashfs selinux=0 vga=795 nomodeset kairos.remote_recovery_mode", boot.CommandLine);
    }

    [Theory]
    [InlineData("rpi4", "console=ttyS0,115200", "modprobe.blacklist=vc4 8250.nr_uarts=1 cgroup_enable=memory")]
    [InlineData("nvidia-jetson-thor", "console=ttyUTC0,115200 earlycon=tegra_utc,mmio32,0xc5a0000", "pd_ignore_unused clk_ignore_unused fbcon=map:0 nospectre_bhb efi=runtime")]
    [InlineData("nvidia-dgx-spark", "console=ttyS0,921600", "initcall_blacklist=tegra234_cbb_init pci=pcie_bus_safe iommu.passthrough=0")]
    public void Row92_model_consoles_and_arguments_follow_KAIROS_MODEL(string model, string console, string extra)
    {
        var boot = BootEntry("cos", model: model);

        var baseWithoutSerial = Base["console=ttyS0 ".Length..];
        Assert.Equal($"{console} {baseWithoutSerial} root=LABEL=COS_ACTIVE cos-img/filename=/cOS/active.img selinux=0 {extra}", boot.CommandLine);
    }

    [Fact]
    public void Row83_next_entry_boots_once_and_is_cleared_on_disk()
    {
        using var disks = new GrubDisks();
        disks.GrubEnv["next_entry"] = "recovery";

        var boot = BootWith(disks);

        Assert.Equal("recovery", boot.Entry);
        Assert.Contains("next_entry=\n", GrubDisks.ReadFile(disks.OemDisk, "/grubenv"), StringComparison.Ordinal);
    }

    [Fact]
    public void Row85_saved_entry_and_default_menu_entry_from_grubenv_win_over_grub_oem_env()
    {
        using var disks = new GrubDisks();
        disks.OemEnv["default_menu_entry"] = "From OEM env";
        disks.OemEnv["saved_entry"] = "recovery";
        disks.GrubEnv["default_menu_entry"] = "Acme OS";
        disks.GrubEnv["saved_entry"] = "fallback";

        var boot = BootWith(disks);

        Assert.Equal("fallback", boot.Entry);
        Assert.Equal("Acme OS", boot.DisplayName);
    }

    [Fact]
    public void Row85_grub_oem_env_names_the_entries_when_grubenv_does_not()
    {
        using var disks = new GrubDisks();
        disks.OemEnv["default_menu_entry"] = "Acme OS";

        var boot = BootWith(disks);

        Assert.Equal("Acme OS", boot.DisplayName);
    }

    [Fact]
    public void Row84_without_active_img_GRUB_falls_back_to_passive()
    {
        using var disks = new GrubDisks { WithActiveImage = false };

        var boot = BootWith(disks);

        Assert.Equal("fallback", boot.Entry);
    }

    [Fact]
    public void Row84_default_fallback_overrides_the_fallback_list()
    {
        using var disks = new GrubDisks { WithActiveImage = false };
        disks.GrubEnv["default_fallback"] = "2";

        var boot = BootWith(disks);

        Assert.Equal("recovery", boot.Entry);
    }

    [Fact]
    public void Row89_extra_cmdline_variables_are_appended_per_entry()
    {
        using var disks = new GrubDisks();
        disks.GrubEnv["extra_cmdline"] = "console=ttyS1";
        disks.GrubEnv["extra_active_cmdline"] = "quiet";
        disks.GrubEnv["extra_passive_cmdline"] = "passive-only";

        var boot = BootWith(disks);

        Assert.EndsWith("selinux=0 console=ttyS1 quiet", boot.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Row37_armed_boot_assessment_marks_the_first_boot_tentative()
    {
        using var disks = new GrubDisks();
        disks.Assessment["enable_boot_assessment"] = "yes";

        var boot = BootWith(disks);

        Assert.Equal("cos", boot.Entry);
        Assert.Contains("boot_assessment_tentative=yes", GrubDisks.ReadFile(disks.StateDisk, "/boot_assessment"), StringComparison.Ordinal);
    }

    [Fact]
    public void Row37_a_tentative_boot_that_never_cleared_falls_back_to_passive_with_upgrade_failure()
    {
        using var disks = new GrubDisks();
        disks.Assessment["enable_boot_assessment"] = "yes";
        disks.Assessment["boot_assessment_tentative"] = "yes";
        disks.GrubEnv["extra_passive_cmdline"] = "user-value";

        var boot = BootWith(disks);

        Assert.Equal("fallback", boot.Entry);
        Assert.EndsWith("root=LABEL=COS_PASSIVE cos-img/filename=/cOS/passive.img selinux=0 upgrade_failure", boot.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Row37_enable_boot_assessment_always_assesses_without_an_upgrade()
    {
        using var disks = new GrubDisks();
        disks.Assessment["enable_boot_assessment_always"] = "yes";
        disks.Assessment["boot_assessment_tentative"] = "yes";

        var boot = BootWith(disks);

        Assert.Equal("fallback", boot.Entry);
    }

    [Fact]
    public void Row37_a_next_entry_one_shot_is_never_assessed()
    {
        using var disks = new GrubDisks();
        disks.Assessment["enable_boot_assessment"] = "yes";
        disks.Assessment["boot_assessment_tentative"] = "yes";
        disks.GrubEnv["next_entry"] = "cos";

        var boot = BootWith(disks);

        Assert.Equal("cos", boot.Entry);
    }

    [Fact]
    public void Row38_without_the_sentinel_the_active_entry_boots_and_nothing_is_saved()
    {
        using var disks = new GrubDisks();

        var boot = BootWith(disks);

        Assert.Equal("cos", boot.Entry);
        Assert.DoesNotContain("boot_assessment_tentative", GrubDisks.ReadFile(disks.StateDisk, "/boot_assessment"), StringComparison.Ordinal);
    }
}

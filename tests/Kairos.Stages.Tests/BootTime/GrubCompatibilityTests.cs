namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// Upgrades never rewrite the menu on COS_STATE, and every image brings its own bootargs.cfg: a
/// node installed by an older Kairos image must boot every entry of ours, and ours must boot an
/// older image (rollback to passive, an old recovery). Evaluated with grub-emu.
/// </summary>
public sealed class GrubCompatibilityTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Support.Golden.ProjectDirectory, "BootTime", "Fixtures", name));

    private static GrubBoot Boot(GrubDisks disks, string entry)
    {
        Assert.SkipUnless(GrubEmulator.Available, "needs grub-emu (build/install-deps.sh)");
        disks.GrubEnv["next_entry"] = entry;
        disks.Build();
        return GrubEmulator.Boot(disks);
    }

    [Fact]
    public void Row94_older_menu_with_our_image_boots_active_with_our_bootargs_kernel_and_initrd()
    {
        using var disks = new GrubDisks { Menu = Fixture("older-menu.cfg"), WithHooks = false };

        var boot = Boot(disks, "cos");

        Assert.Equal("(loop0)/boot/vmlinuz", boot.Kernel);
        Assert.Equal("(loop0)/boot/initrd", boot.Initrd);
        Assert.Contains("root=LABEL=COS_ACTIVE cos-img/filename=/cOS/active.img selinux=0", boot.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Row93_older_menu_with_our_squashfs_recovery_boots_live_from_COS_RECOVERY()
    {
        using var disks = new GrubDisks { Menu = Fixture("older-menu.cfg"), WithHooks = false, SquashfsRecovery = true };

        var boot = Boot(disks, "recovery");

        Assert.Contains("root=live:LABEL=COS_RECOVERY rd.live.dir=/ rd.live.squashimg=/cOS/recovery.squashfs", boot.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("COS_SYSTEM", boot.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Row93_older_menu_with_our_recovery_img_boots_COS_SYSTEM()
    {
        using var disks = new GrubDisks { Menu = Fixture("older-menu.cfg"), WithHooks = false };

        var boot = Boot(disks, "recovery");

        Assert.Contains("root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img", boot.CommandLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cos", "root=LABEL=COS_ACTIVE cos-img/filename=/cOS/active.img")]
    [InlineData("fallback", "root=LABEL=COS_PASSIVE cos-img/filename=/cOS/passive.img")]
    [InlineData("recovery", "root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img")]
    [InlineData("statereset", "root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img")]
    public void Row89_our_menu_boots_an_older_image_with_its_own_bootargs(string entry, string root)
    {
        using var disks = new GrubDisks { BootArgs = Fixture("older-bootargs.cfg") };

        var boot = Boot(disks, entry);

        Assert.Contains("older-image", boot.Arguments);
        Assert.Contains(root, boot.CommandLine, StringComparison.Ordinal);
        Assert.Equal("(loop0)/boot/vmlinuz", boot.Kernel);
    }

    [Fact]
    public void Row93_our_menu_boots_an_older_squashfs_recovery_live()
    {
        using var disks = new GrubDisks { BootArgs = Fixture("older-bootargs.cfg"), SquashfsRecovery = true };

        var boot = Boot(disks, "recovery");

        Assert.Contains("root=live:LABEL=COS_RECOVERY rd.live.squashimg=/cOS/recovery.squashfs", boot.CommandLine, StringComparison.Ordinal);
    }
}

namespace Kairos.Stages.Tests.BootTime;

/// <summary>A boot mode as immucore leaves it: the kernel command line and the /run/cos flag files it writes.</summary>
public sealed record BootMode(string Name, string CommandLine, params string[] Flags)
{
    private const string Args = "console=tty1 rd.cos.oemlabel=COS_OEM";

    public static readonly BootMode Active = new("active", $"{Args} root=LABEL=COS_ACTIVE cos-img/filename=/cOS/active.img", "active_mode");
    public static readonly BootMode Passive = new("passive", $"{Args} root=LABEL=COS_PASSIVE cos-img/filename=/cOS/passive.img", "passive_mode");
    public static readonly BootMode Recovery = new("recovery", $"{Args} root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img", "recovery_mode");
    public static readonly BootMode StateReset = new("statereset", $"{Args} root=LABEL=COS_SYSTEM cos-img/filename=/cOS/recovery.img vga=795 nomodeset kairos.reset", "autoreset_mode");
    public static readonly BootMode Live = new("live", "root=live:CDLABEL=COS_LIVE rd.live.dir=/ rd.live.squashimg=rootfs.squashfs rd.cos.disable", "live_mode");
    public static readonly BootMode UkiBoot = new("uki-boot", "rd.immucore.uki console=tty1", "active_mode", "uki_boot_mode");
    public static readonly BootMode UkiInstall = new("uki-install", "rd.immucore.uki console=tty1 install-mode", "live_mode", "uki_install_mode");

    public static IReadOnlyList<BootMode> All { get; } = [Active, Passive, Recovery, StateReset, Live, UkiBoot, UkiInstall];

    public static BootMode Named(string name) => All.Single(m => m.Name == name);

    public BootMode WithCommandLine(string extra) => this with { CommandLine = CommandLine + " " + extra };

    public override string ToString() => Name;
}

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Stage names with a known runner: the six image-build stages and the boot-time stages Kairos drives.</summary>
public static class StageNames
{
    /// <summary>The build stages, in the order kairos-init runs them.</summary>
    public static readonly IReadOnlyList<string> Build = ["before-install", "install", "after-install", "before-init", "init", "after-init"];

    private static readonly string[] BootBases = ["rootfs", "initramfs", "boot", "fs", "network", "reconcile"];

    private static readonly string[] Hooks =
    [
        "kairos-install.pre", "kairos-install.after", "kairos-uki-install.pre", "kairos-uki-install.after",
        "kairos-uki-reset.pre", "kairos-uki-reset.after", "kairos-uki-upgrade.pre", "kairos-uki-upgrade.after",
        "after-install-chroot", "before-upgrade", "after-upgrade", "after-upgrade-chroot",
        "before-reset", "after-reset", "after-reset-chroot",
    ];

    /// <summary>Boot-time stages (with their <c>.before</c>/<c>.after</c> variants) and agent hooks; yip runs them on the booted system.</summary>
    public static readonly IReadOnlyList<string> BootTime =
        [.. BootBases.SelectMany(b => new[] { $"{b}.before", b, $"{b}.after" }), .. Hooks];

    public static IEnumerable<string> All => Build.Concat(BootTime);

    public static bool IsKnown(string stage) => Build.Contains(stage) || BootTime.Contains(stage);
}

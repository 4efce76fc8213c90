using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Image.Requests;

/// <summary>
/// The outputs a build may ask for, and which an image can make: a Trusted Boot image boots only from signed UKIs
/// (it makes iso, uki, uki-container, and the oci and rootfs archives); any other image makes the live ISO, disks,
/// cloud images and netboot files, never UKIs. A board model's image (rpi3, rpi4) makes only the board's raw disk and
/// the archives (<see cref="ForBoards"/>).
/// </summary>
public static class OutputKinds
{
    /// <summary>Every output, in the order a form offers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["iso", "netboot", "uki", "uki-container", "raw_efi", "raw_bios", "vhd", "gce", "maas", "oci", "rootfs"];

    /// <summary>Made only from a Trusted Boot image.</summary>
    public static IReadOnlyList<string> TrustedBootOnly { get; } = ["uki", "uki-container"];

    /// <summary>Never made from a Trusted Boot image (they boot through GRUB).</summary>
    public static IReadOnlyList<string> NotForTrustedBoot { get; } = ["raw_efi", "raw_bios", "vhd", "gce", "maas", "netboot"];

    /// <summary>
    /// What a board model's image makes: a Raspberry Pi starts its GPU firmware and U-Boot from the disk's first
    /// partition, not a PC's UEFI or BIOS, so its image makes the Pi disk (raw_efi: <c>build-disk --model</c>, which
    /// refuses <c>--firmware bios</c> and every format but raw for a Pi) and the archives; no live ISO, netboot files,
    /// BIOS or cloud disks, nor UKIs (U-Boot has no Secure Boot database).
    /// </summary>
    public static IReadOnlyList<string> ForBoards { get; } = ["raw_efi", "oci", "rootfs"];

    /// <summary>The outputs listed for a person: archives and media first.</summary>
    public static string Offered { get; } = "iso, oci, rootfs, raw_efi, raw_bios, vhd, gce, maas, netboot, uki, uki-container";

    /// <summary>How <paramref name="name"/> relates to Trusted Boot: <c>only</c> (made only from a Trusted Boot image), <c>never</c>, or <c>both</c>.</summary>
    public static string TrustedBoot(string name) =>
        TrustedBootOnly.Contains(name) ? "only" : NotForTrustedBoot.Contains(name) ? "never" : "both";

    /// <summary>Whether an image with or without Trusted Boot makes <paramref name="name"/>.</summary>
    public static bool Makes(bool trustedBoot, string name) => TrustedBoot(name) switch
    {
        "only" => trustedBoot,
        "never" => !trustedBoot,
        _ => true,
    };

    /// <summary>Whether an image of <paramref name="model"/> makes <paramref name="name"/> (a board's only <see cref="ForBoards"/>).</summary>
    public static bool MakesFor(string model, string name) => model == KnownModels.Generic || ForBoards.Contains(name);

    /// <summary>The models (of those kairos-stages builds) whose image makes <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Models(string name) => [.. KnownModels.Supported.Where(model => MakesFor(model, name))];
}

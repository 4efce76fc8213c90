namespace Kairos.Stages.Image.Requests;

/// <summary>
/// The outputs a build may ask for, and which an image can make: a Trusted Boot image boots only from signed UKIs
/// (it makes iso, uki, uki-container, and the oci and rootfs archives); any other image makes the live ISO, disks,
/// cloud images and netboot files, never UKIs.
/// </summary>
public static class OutputKinds
{
    /// <summary>Every output, in the order a form offers them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["iso", "netboot", "uki", "uki-container", "raw_efi", "raw_bios", "vhd", "gce", "maas", "oci", "rootfs"];

    /// <summary>Made only from a Trusted Boot image.</summary>
    public static IReadOnlyList<string> TrustedBootOnly { get; } = ["uki", "uki-container"];

    /// <summary>Never made from a Trusted Boot image (they boot through GRUB).</summary>
    public static IReadOnlyList<string> NotForTrustedBoot { get; } = ["raw_efi", "raw_bios", "vhd", "gce", "maas", "netboot"];

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
}

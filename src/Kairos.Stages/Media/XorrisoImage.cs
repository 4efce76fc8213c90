namespace Kairos.Stages.Media;

/// <summary>The hybrid ISO: El Torito BIOS (grub) and EFI entries, the EFI image appended as GPT partition 2, xorriso's options as AuroraBoot sets them.</summary>
public static class XorrisoImage
{
    public static Task WriteAsync(IsoLayout layout, string isoDirectory, string output, CancellationToken cancellationToken) =>
        MediaTool.RunAsync(
            "xorriso",
            [
                "-volid", layout.VolumeId, "-joliet", "on", "-padding", "0",
                "-outdev", output, "-map", isoDirectory, "/", "-chmod", "0755", "--",
                "-boot_image", "grub", "bin_path=/boot/eltorito.img",
                "-boot_image", "grub", $"grub2_mbr={Path.Combine(isoDirectory, "boot/boot_hybrid.img")}",
                "-boot_image", "grub", "grub2_boot_info=on",
                "-boot_image", "any", "partition_offset=16",
                "-boot_image", "any", "cat_path=/boot/boot.catalog",
                "-boot_image", "any", "cat_hidden=on",
                "-boot_image", "any", "boot_info_table=on",
                "-boot_image", "any", "platform_id=0x00",
                "-boot_image", "any", "emul_type=no_emulation",
                "-boot_image", "any", "load_size=2048",
                "-append_partition", "2", "0xef", Path.Combine(isoDirectory, "boot/uefi.img"),
                "-boot_image", "any", "next",
                "-boot_image", "any", "platform_id=0xef",
                "-boot_image", "any", "emul_type=no_emulation",
                "-boot_image", "any", "efi_path=--interval:appended_partition_2:all::",
                "-boot_image", "any", "appended_part_as=gpt",
                "-boot_image", "any", "mbr_force_bootable=on",
            ],
            cancellationToken,
            "writing the ISO");
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Kairos.Factory.Api;

/// <summary>The outputs a request asks for (AuroraBoot's groups: install media, disk and cloud images, archives; the classic cloud names are refused, not ignored).</summary>
public sealed record BuildArtifactsRequest
{
    [Description("Install media: the live/installer ISO (kairos-stages build-iso), not for a Raspberry Pi model; with trusted_boot, the signed UKI ISO instead (kairos-stages build-uki --output-type iso: UEFI only, the server's Secure Boot keys enrolled on first boot).")]
    public bool? Iso { get; init; }

    [Description("OCI archive of the built image.")]
    public bool? Oci { get; init; }

    [Description("The classic name for the container image tarball; same as oci.")]
    public bool? ContainerFile { get; init; }

    [Description("Tarball of the built root filesystem.")]
    public bool? Rootfs { get; init; }

    [Description("Disk image: raw disk booting with UEFI (kairos-stages build-disk --firmware efi --model MODEL), NAME.raw. Its first boot resets it into COS_STATE and COS_PERSISTENT. For model rpi3 or rpi4 it is the Raspberry Pi disk (firmware, U-Boot and GRUB on a FAT32 first partition, hybrid MBR), the one output besides oci and rootfs a Pi model makes. Not with trusted_boot.")]
    public bool? RawEfi { get; init; }

    [Description("Disk image: raw disk booting with a BIOS (kairos-stages build-disk --firmware bios), NAME-bios.raw. Not with trusted_boot.")]
    public bool? RawBios { get; init; }

    [Description("Cloud image: Azure fixed VHD of the EFI raw disk (build-disk --format vhd), NAME.raw.vhd. Not with trusted_boot.")]
    public bool? Vhd { get; init; }

    [Description("Cloud image: Google Compute Engine tar.gz holding disk.raw (build-disk --format gce), NAME.raw.gce.tar.gz. Not with trusted_boot.")]
    public bool? Gce { get; init; }

    [Description("Disk image: MAAS gzip of the EFI raw disk (build-disk --format maas), NAME.raw.gz. Not with trusted_boot.")]
    public bool? Maas { get; init; }

    [Description("Install media: netboot files (kairos-stages netboot) in NAME-netboot.tar: netboot/kairos-kernel, kairos-initrd, kairos.squashfs and kairos.ipxe, which fetches the squashfs from beside itself (iPXE ${cwduri}): unpack on an HTTP server and chain kairos.ipxe. Not with trusted_boot.")]
    public bool? Netboot { get; init; }

    [Description("Trusted Boot: the signed systemd-boot tree (EFI/, loader/; kairos-stages build-uki --output-type uki) as NAME-uki.tar. Needs trusted_boot.")]
    public bool? Uki { get; init; }

    [Description("Trusted Boot: the signed tree as a single-layer OCI archive (build-uki --output-type container), NAME-uki.oci.tar. Needs trusted_boot.")]
    [JsonPropertyName("uki-container")]
    public bool? UkiContainer { get; init; }

    [Description("Raw disk image, the classic name: refused (ask for raw_efi or raw_bios).")]
    public bool? RawImage { get; init; }

    [Description("AWS image, the classic name: refused (ask for raw_efi, AWS's raw import).")]
    public bool? Aws { get; init; }

    [Description("Google Cloud image, the classic name: refused (ask for gce).")]
    public bool? Gcp { get; init; }

    [Description("Azure VHD, the classic name: refused (ask for vhd).")]
    public bool? Azure { get; init; }
}

using System.Globalization;
using Kairos.Stages.FrontEnd.Sources;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media.Disk;

/// <summary>One Raspberry Pi board family: its U-Boot in the image, the firmware files and device trees its partition gets.</summary>
public sealed record RpiModel(string Name, string UBoot, IReadOnlyList<string> Firmware, IReadOnlyList<string> Dtbs);

/// <summary>The <c>rpi</c> section of <c>stages/disk/layout.yaml</c>: the Pi disk's first partition and where its files come from.</summary>
public sealed record RpiLayout(
    long SizeMiB,
    int FatBits,
    byte MbrType,
    string ConfigTemplate,
    string FirmwareDirectory,
    IReadOnlyList<string> DtbDirectories,
    string UBootDtbDirectory,
    IReadOnlyList<string> Grub,
    IReadOnlyList<string> ChainPaths,
    IReadOnlyDictionary<string, RpiModel> Models)
{
    public static RpiLayout Decode(StageData r, YamlMappingNode node)
    {
        var bits = r.Number(node, "fat_bits");
        var type = r.Text(node, "mbr_type");
        return new RpiLayout(
            r.Number(node, "size_mib"),
            bits is 16 or 32 ? (int)bits : throw r.Error(StageData.Child(node, "fat_bits")!, "'fat_bits' must be 16 or 32"),
            byte.TryParse(type, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b) && b != 0 ? b : throw r.Error(StageData.Child(node, "mbr_type")!, "'mbr_type' must be a partition type in hex, like 0c"),
            r.Text(node, "config_template"),
            r.Text(node, "firmware_directory"),
            r.List(node, "dtb_directories"),
            r.Text(node, "u_boot_dtb_directory"),
            r.List(node, "grub"),
            r.List(node, "chain_paths"),
            r.Entries(r.Map(node, "models"), "models").ToDictionary(
                e => e.Key,
                e =>
                {
                    var model = r.AsMap(e.Value, e.Key);
                    return new RpiModel(e.Key, r.Text(model, "u_boot"), r.List(model, "firmware"), r.List(model, "dtbs"));
                },
                StringComparer.Ordinal));
    }
}

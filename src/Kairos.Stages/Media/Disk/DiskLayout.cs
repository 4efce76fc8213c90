using Kairos.Stages.FrontEnd.Sources;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media.Disk;

/// <summary>One GPT entry of the raw disk, as <c>stages/disk/layout.yaml</c> describes it.</summary>
public sealed record DiskPartition(string Name, string GuidName, Guid Type, IReadOnlyList<int> Attributes, string? FileSystem, string? Label, long SizeMiB);

/// <summary>The COS_CURTIN partition of a MAAS disk: the hook (a stage file), the host's static busybox, links, small scripts, mount points.</summary>
public sealed record MaasLanding(string Hook, string HookPath, string HookMode, IReadOnlyList<string> Busybox, string BusyboxPath, IReadOnlyList<(string Path, string Target)> Links, IReadOnlyList<(string Path, string Text)> Scripts, IReadOnlyList<(string Path, string Mode)> Skeleton);

/// <summary>The data of <c>stages/disk/layout.yaml</c>: partitions, sizes, OEM and RECOVERY files, GRUB templates.</summary>
public sealed record DiskLayout
{
    public const string DataPath = "disk/layout.yaml";

    public required string DiskGuidName { get; init; }
    public required long HeadMiB { get; init; }
    public required long TailMiB { get; init; }
    public required DiskPartition Efi { get; init; }
    public required DiskPartition Bios { get; init; }
    public required DiskPartition Oem { get; init; }
    public required DiskPartition Curtin { get; init; }
    public required DiskPartition Recovery { get; init; }
    public required string RecoveryImagePath { get; init; }
    public required string RecoveryImageLabel { get; init; }
    public required long RecoveryImageExtraMiB { get; init; }
    public required long RecoveryPartitionFactor { get; init; }
    public required long RecoveryPartitionExtraMiB { get; init; }
    public required string GrubConfig { get; init; }
    public required IReadOnlyList<(string Path, string Mode)> Skeleton { get; init; }
    public required long StateFactor { get; init; }
    public required long StateExtraMiB { get; init; }
    public required string OemGrubenv { get; init; }
    public required IReadOnlyList<(string Key, string Value)> GrubenvValues { get; init; }
    public required string OemResetConfig { get; init; }
    public required string OemResetTemplate { get; init; }
    public required string OemCloudConfig { get; init; }
    public required string OemDefaultCloudConfigTemplate { get; init; }
    public required string EfiChainTemplate { get; init; }
    public required IReadOnlyList<string> EfiChainPaths { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> EfiChainPathsByFlavor { get; init; }
    public required IReadOnlyList<string> EfiSkipGrub { get; init; }
    public required string BiosDirectory { get; init; }
    public required IReadOnlyList<string> BiosCoreModules { get; init; }
    public required string BiosChainTemplate { get; init; }
    public required string BiosCorePrefix { get; init; }
    public required MaasLanding Maas { get; init; }
    public required RpiLayout Rpi { get; init; }

    /// <summary>Reads the layout from a stage source; a missing or malformed file names itself (and the line).</summary>
    public static DiskLayout Load(IStageSource source) => LayoutReader.Read(source, DataPath, "the raw disk layout", Decode);

    private static DiskLayout Decode(StageData r)
    {
        var root = r.Root;
        var parts = r.Map(root, "partitions");
        var recovery = r.Map(root, "recovery");
        var state = r.Map(root, "state");
        var oem = r.Map(root, "oem");
        var efi = r.Map(root, "efi");
        var bios = r.Map(root, "bios");
        var maas = r.Map(root, "maas");
        return new DiskLayout
        {
            DiskGuidName = r.Text(root, "disk_guid_name"),
            HeadMiB = r.Number(root, "head_mib"),
            TailMiB = r.Number(root, "tail_mib"),
            Efi = Partition(r, parts, "efi", sized: true),
            Bios = Partition(r, parts, "bios", sized: true),
            Oem = Partition(r, parts, "oem", sized: true),
            Curtin = Partition(r, parts, "curtin", sized: true),
            Recovery = Partition(r, parts, "recovery", sized: false),
            RecoveryImagePath = r.Text(recovery, "image_path"),
            RecoveryImageLabel = r.Text(recovery, "image_label"),
            RecoveryImageExtraMiB = r.Number(recovery, "image_extra_mib"),
            RecoveryPartitionFactor = r.Number(recovery, "partition_factor"),
            RecoveryPartitionExtraMiB = r.Number(recovery, "partition_extra_mib"),
            GrubConfig = r.Text(recovery, "grub_config"),
            Skeleton = r.Pairs(recovery, "skeleton"),
            StateFactor = r.Number(state, "factor"),
            StateExtraMiB = r.Number(state, "extra_mib"),
            OemGrubenv = r.Text(oem, "grubenv"),
            GrubenvValues = r.Pairs(oem, "grubenv_values"),
            OemResetConfig = r.Text(oem, "reset_config"),
            OemResetTemplate = r.Text(oem, "reset_template"),
            OemCloudConfig = r.Text(oem, "cloud_config"),
            OemDefaultCloudConfigTemplate = r.Text(oem, "default_cloud_config_template"),
            EfiChainTemplate = r.Text(efi, "chain_template"),
            EfiChainPaths = r.List(efi, "chain_paths"),
            EfiChainPathsByFlavor = r.Entries(r.Map(efi, "chain_paths_by_flavor"), "chain_paths_by_flavor")
                .ToDictionary(e => e.Key, e => r.AsList(e.Value, e.Key), StringComparer.Ordinal),
            EfiSkipGrub = r.List(efi, "skip_grub"),
            BiosDirectory = r.Text(bios, "directory"),
            BiosCoreModules = r.List(bios, "core_modules"),
            BiosChainTemplate = r.Text(bios, "chain_template"),
            BiosCorePrefix = r.Text(bios, "core_prefix"),
            Maas = new MaasLanding(
                r.Text(maas, "hook"),
                r.Text(maas, "hook_path"),
                r.Text(maas, "hook_mode"),
                r.List(maas, "busybox"),
                r.Text(maas, "busybox_path"),
                r.Pairs(maas, "links"),
                r.Pairs(maas, "scripts"),
                r.Pairs(maas, "skeleton")),
            Rpi = RpiLayout.Decode(r, r.Map(root, "rpi")),
        };
    }

    private static DiskPartition Partition(StageData r, YamlMappingNode parts, string key, bool sized)
    {
        var node = r.Map(parts, key);
        var type = Guid.TryParse(r.Text(node, "type"), out var g) ? g : throw r.Error(StageData.Child(node, "type")!, "'type' must be a GUID");
        var attributes = r.List(node, "attributes").Select(a => int.TryParse(a, out var bit) && bit is >= 0 and < 64 ? bit : throw r.Error(StageData.Child(node, "attributes")!, $"'attributes' must be a list of bit numbers 0-63, not '{a}'")).ToList();
        return new DiskPartition(
            r.Text(node, "name"),
            r.Text(node, "guid_name"),
            type,
            attributes,
            r.OptionalText(node, "filesystem"),
            r.OptionalText(node, "label"),
            sized ? r.Number(node, "size_mib") : 0);
    }
}

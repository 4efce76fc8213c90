using Kairos.Stages.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media.Disk;

/// <summary>One GPT entry of the raw disk, as <c>stages/disk/layout.yaml</c> describes it.</summary>
public sealed record DiskPartition(string Name, string GuidName, Guid Type, IReadOnlyList<int> Attributes, string? FileSystem, string? Label, long SizeMiB);

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
    public required string BiosEarlyTemplate { get; init; }

    /// <summary>Reads the layout from a stage source; a missing or malformed file names itself (and the line).</summary>
    public static DiskLayout Load(IStageSource source)
    {
        var path = source.DisplayPath(DataPath);
        var text = source.ReadText(DataPath) ?? throw MediaException.Input($"{path}: missing (the raw disk layout; 'kairos-stages stages export DIR' writes it)");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw MediaException.Input($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw MediaException.Input($"{path}: expected a mapping");
        }

        var r = new Reader(path);
        var parts = r.Map(root, "partitions");
        var recovery = r.Map(root, "recovery");
        var state = r.Map(root, "state");
        var oem = r.Map(root, "oem");
        var efi = r.Map(root, "efi");
        var bios = r.Map(root, "bios");
        return new DiskLayout
        {
            DiskGuidName = r.Text(root, "disk_guid_name"),
            HeadMiB = r.Number(root, "head_mib"),
            TailMiB = r.Number(root, "tail_mib"),
            Efi = r.Partition(parts, "efi", sized: true),
            Bios = r.Partition(parts, "bios", sized: true),
            Oem = r.Partition(parts, "oem", sized: true),
            Recovery = r.Partition(parts, "recovery", sized: false),
            RecoveryImagePath = r.Text(recovery, "image_path"),
            RecoveryImageLabel = r.Text(recovery, "image_label"),
            RecoveryImageExtraMiB = r.Number(recovery, "image_extra_mib"),
            RecoveryPartitionFactor = r.Number(recovery, "partition_factor"),
            RecoveryPartitionExtraMiB = r.Number(recovery, "partition_extra_mib"),
            GrubConfig = r.Text(recovery, "grub_config"),
            Skeleton = [.. r.Map(recovery, "skeleton").Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", (c.Value as YamlScalarNode)?.Value ?? ""))],
            StateFactor = r.Number(state, "factor"),
            StateExtraMiB = r.Number(state, "extra_mib"),
            OemGrubenv = r.Text(oem, "grubenv"),
            GrubenvValues = [.. r.Map(oem, "grubenv_values").Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", (c.Value as YamlScalarNode)?.Value ?? ""))],
            OemResetConfig = r.Text(oem, "reset_config"),
            OemResetTemplate = r.Text(oem, "reset_template"),
            OemCloudConfig = r.Text(oem, "cloud_config"),
            OemDefaultCloudConfigTemplate = r.Text(oem, "default_cloud_config_template"),
            EfiChainTemplate = r.Text(efi, "chain_template"),
            EfiChainPaths = r.List(efi, "chain_paths"),
            EfiChainPathsByFlavor = r.Map(efi, "chain_paths_by_flavor").Children.ToDictionary(
                c => ((YamlScalarNode)c.Key).Value ?? "",
                c => r.List(r.Map(efi, "chain_paths_by_flavor"), ((YamlScalarNode)c.Key).Value ?? ""),
                StringComparer.Ordinal),
            EfiSkipGrub = r.List(efi, "skip_grub"),
            BiosDirectory = r.Text(bios, "directory"),
            BiosCoreModules = r.List(bios, "core_modules"),
            BiosChainTemplate = r.Text(bios, "chain_template"),
            BiosEarlyTemplate = r.Text(bios, "early_template"),
        };
    }

    private sealed class Reader(string path)
    {
        public YamlMappingNode Map(YamlMappingNode node, string key) =>
            Child(node, key) as YamlMappingNode ?? throw Missing(node, key, "a mapping");

        public string Text(YamlMappingNode node, string key) =>
            (Child(node, key) as YamlScalarNode)?.Value is { Length: > 0 } value ? value : throw Missing(node, key, "a value");

        public long Number(YamlMappingNode node, string key) =>
            long.TryParse(Text(node, key), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw Missing(node, key, "a whole number");

        public IReadOnlyList<string> List(YamlMappingNode node, string key) =>
            Child(node, key) is YamlSequenceNode list
                ? [.. list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw MediaException.Input($"{path}:{c.Start.Line}:{c.Start.Column}: '{key}' holds plain values only"))]
                : throw Missing(node, key, "a list");

        public DiskPartition Partition(YamlMappingNode parts, string key, bool sized)
        {
            var node = Map(parts, key);
            var type = Guid.TryParse(Text(node, "type"), out var g) ? g : throw Missing(node, "type", "a GUID");
            var attributes = List(node, "attributes").Select(a => int.TryParse(a, out var bit) && bit is >= 0 and < 64 ? bit : throw Missing(node, "attributes", "a list of bit numbers 0-63")).ToList();
            return new DiskPartition(
                Text(node, "name"),
                Text(node, "guid_name"),
                type,
                attributes,
                Child(node, "filesystem") is null ? null : Text(node, "filesystem"),
                Child(node, "label") is null ? null : Text(node, "label"),
                sized ? Number(node, "size_mib") : 0);
        }

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private MediaException Missing(YamlMappingNode node, string key, string what) =>
            MediaException.Input($"{path}:{node.Start.Line}:{node.Start.Column}: '{key}' must be {what}");
    }
}

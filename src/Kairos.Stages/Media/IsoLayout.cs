using Kairos.Stages.FrontEnd.Sources;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media;

/// <summary>The data of <c>stages/iso/layout.yaml</c>: ISO paths, image files to look for, GRUB modules.</summary>
public sealed record IsoLayout
{
    public const string DataPath = "iso/layout.yaml";
    public const string LiveMenuTemplate = "iso/grub-live.cfg";
    public const string ChainTemplate = "iso/grub-chain.cfg";

    public required string VolumeId { get; init; }
    public required string EfiLabel { get; init; }
    public required IReadOnlyList<string> KernelPrefixes { get; init; }
    public required IReadOnlyList<string> InitrdPrefixes { get; init; }
    public required string KernelPath { get; init; }
    public required string InitrdPath { get; init; }
    public required string SquashfsPath { get; init; }
    public required string LiveMenuPath { get; init; }
    public required IReadOnlyList<string> ChainPaths { get; init; }
    public required IReadOnlyList<string> ChainPathsUbuntu { get; init; }
    public required IReadOnlyList<(string Path, string Mode)> Skeleton { get; init; }
    public required IReadOnlyList<string> Emptied { get; init; }
    public required string SquashfsBlockSize { get; init; }
    public required IReadOnlyList<string> SquashfsOptions { get; init; }
    public required string BiosPrefix { get; init; }
    public required IReadOnlyList<string> BiosModules { get; init; }
    public required IReadOnlyDictionary<string, EfiFiles> Efi { get; init; }
    public required string EfiFallbackPrefix { get; init; }
    public required IReadOnlyList<string> EfiFallbackModules { get; init; }

    /// <summary>Reads the layout from a stage source; a missing or malformed file names itself (and the line).</summary>
    public static IsoLayout Load(IStageSource source) => LayoutReader.Read(source, DataPath, "the ISO layout data", Decode);

    private static IsoLayout Decode(StageData reader)
    {
        var root = reader.Root;
        var efi = reader.Map(root, "efi");
        var squashfs = reader.Map(root, "squashfs");
        var bios = reader.Map(root, "bios");
        return new IsoLayout
        {
            VolumeId = reader.Text(root, "volume_id"),
            EfiLabel = reader.Text(root, "efi_label"),
            KernelPrefixes = reader.List(root, "kernel_prefixes"),
            InitrdPrefixes = reader.List(root, "initrd_prefixes"),
            KernelPath = reader.Text(root, "kernel_path"),
            InitrdPath = reader.Text(root, "initrd_path"),
            SquashfsPath = reader.Text(root, "squashfs_path"),
            LiveMenuPath = reader.Text(root, "live_menu_path"),
            ChainPaths = reader.List(root, "chain_paths"),
            ChainPathsUbuntu = reader.List(root, "chain_paths_ubuntu"),
            Skeleton = reader.Pairs(root, "skeleton"),
            Emptied = reader.List(root, "emptied"),
            SquashfsBlockSize = reader.Text(squashfs, "block_size"),
            SquashfsOptions = reader.List(squashfs, "options"),
            BiosPrefix = reader.Text(bios, "prefix"),
            BiosModules = reader.List(bios, "modules"),
            Efi = new Dictionary<string, EfiFiles>(StringComparer.Ordinal)
            {
                ["amd64"] = EfiFor(reader, efi, "amd64"),
                ["arm64"] = EfiFor(reader, efi, "arm64"),
            },
            EfiFallbackPrefix = reader.Text(efi, "fallback_prefix"),
            EfiFallbackModules = reader.List(efi, "fallback_modules"),
        };
    }

    private static EfiFiles EfiFor(StageData reader, YamlMappingNode efi, string arch)
    {
        var node = reader.Map(efi, arch);
        return new EfiFiles(reader.Text(node, "boot_name"), reader.Text(node, "grub_name"), reader.Text(node, "grub_format"), reader.List(node, "grub"), reader.List(node, "shim"));
    }
}

using Kairos.Stages.Rendering;
using YamlDotNet.Core;
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
    public static IsoLayout Load(IStageSource source)
    {
        var path = source.DisplayPath(DataPath);
        var text = source.ReadText(DataPath) ?? throw MediaException.Input($"{path}: missing (the ISO layout data; 'kairos-stages stages export DIR' writes it)");
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

        var reader = new LayoutReader(path);
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
            Skeleton = [.. reader.Map(root, "skeleton").Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", ((YamlScalarNode)c.Value).Value ?? ""))],
            Emptied = reader.List(root, "emptied"),
            SquashfsBlockSize = reader.Text(squashfs, "block_size"),
            SquashfsOptions = reader.List(squashfs, "options"),
            BiosPrefix = reader.Text(bios, "prefix"),
            BiosModules = reader.List(bios, "modules"),
            Efi = new Dictionary<string, EfiFiles>(StringComparer.Ordinal)
            {
                ["amd64"] = reader.EfiFor(efi, "amd64"),
                ["arm64"] = reader.EfiFor(efi, "arm64"),
            },
            EfiFallbackPrefix = reader.Text(efi, "fallback_prefix"),
            EfiFallbackModules = reader.List(efi, "fallback_modules"),
        };
    }

    private sealed class LayoutReader(string path)
    {
        public YamlMappingNode Map(YamlMappingNode node, string key) =>
            Child(node, key) as YamlMappingNode ?? throw Missing(node, key, "a mapping");

        public string Text(YamlMappingNode node, string key) =>
            (Child(node, key) as YamlScalarNode)?.Value is { Length: > 0 } value ? value : throw Missing(node, key, "a value");

        public IReadOnlyList<string> List(YamlMappingNode node, string key) =>
            Child(node, key) is YamlSequenceNode list
                ? [.. list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw MediaException.Input($"{path}:{c.Start.Line}:{c.Start.Column}: '{key}' holds plain values only"))]
                : throw Missing(node, key, "a list");

        public EfiFiles EfiFor(YamlMappingNode efi, string arch)
        {
            var node = Map(efi, arch);
            return new EfiFiles(Text(node, "boot_name"), Text(node, "grub_name"), Text(node, "grub_format"), List(node, "grub"), List(node, "shim"));
        }

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private MediaException Missing(YamlMappingNode node, string key, string what) =>
            MediaException.Input($"{path}:{node.Start.Line}:{node.Start.Column}: '{key}' must be {what}");
    }
}

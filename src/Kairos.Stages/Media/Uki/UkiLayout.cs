using Kairos.Stages.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Media.Uki;

/// <summary>The data of <c>stages/uki/layout.yaml</c>: the stub and boot manager, command line, file names, tree paths, initrd rules.</summary>
public sealed record UkiLayout
{
    public const string DataPath = "uki/layout.yaml";
    public const string LoaderTemplate = "uki/loader.conf";
    public const string EntryTemplate = "uki/entry.conf";

    public required string Stub { get; init; }
    public required string SystemdBoot { get; init; }
    public required IReadOnlyList<string> Phases { get; init; }
    public required string Cmdline { get; init; }
    public required string DefaultName { get; init; }
    public required string ExtraPrefix { get; init; }
    public required string BootFile { get; init; }
    public required string UkiDir { get; init; }
    public required string LoaderConf { get; init; }
    public required string EntriesDir { get; init; }
    public required string KeysDir { get; init; }
    public required string Sbat { get; init; }
    public required IReadOnlyList<string> KernelPrefixes { get; init; }
    public required IReadOnlyList<string> InitrdEmpty { get; init; }
    public required IReadOnlyList<string> InitrdLeaveOut { get; init; }
    public required string InitLink { get; init; }
    public required IReadOnlyList<string> InitrdDirs { get; init; }
    public required IReadOnlyList<string> Zstd { get; init; }
    public required string IsoVolumeId { get; init; }
    public required string IsoEfiImage { get; init; }
    public required string IsoNameSuffix { get; init; }

    /// <summary>Reads the layout from a stage source; a missing or malformed file names itself (and the line).</summary>
    public static UkiLayout Load(IStageSource source)
    {
        var path = source.DisplayPath(DataPath);
        var text = source.ReadText(DataPath) ?? throw MediaException.Input($"{path}: missing (the UKI layout data; 'kairos-stages stages export DIR' writes it)");
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

        string Text(YamlMappingNode node, string key) =>
            (Child(node, key) as YamlScalarNode)?.Value is { Length: > 0 } value ? value : throw Missing(node, key, "a value");
        IReadOnlyList<string> List(YamlMappingNode node, string key) =>
            Child(node, key) is YamlSequenceNode list
                ? [.. list.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw MediaException.Input($"{path}:{c.Start.Line}:{c.Start.Column}: '{key}' holds plain values only"))]
                : throw Missing(node, key, "a list");
        MediaException Missing(YamlMappingNode node, string key, string what) =>
            MediaException.Input($"{path}:{node.Start.Line}:{node.Start.Column}: '{key}' must be {what}");

        var iso = Child(root, "iso") as YamlMappingNode ?? throw Missing(root, "iso", "a mapping");
        return new UkiLayout
        {
            Stub = Text(root, "stub"),
            SystemdBoot = Text(root, "systemd_boot"),
            Phases = List(root, "phases"),
            Cmdline = Text(root, "cmdline"),
            DefaultName = Text(root, "default_name"),
            ExtraPrefix = Text(root, "extra_prefix"),
            BootFile = Text(root, "boot_file"),
            UkiDir = Text(root, "uki_dir"),
            LoaderConf = Text(root, "loader_conf"),
            EntriesDir = Text(root, "entries_dir"),
            KeysDir = Text(root, "keys_dir"),
            Sbat = Text(root, "sbat"),
            KernelPrefixes = List(root, "kernel_prefixes"),
            InitrdEmpty = List(root, "initrd_empty"),
            InitrdLeaveOut = List(root, "initrd_leave_out"),
            InitLink = Text(root, "init_link"),
            InitrdDirs = List(root, "initrd_dirs"),
            Zstd = List(root, "zstd"),
            IsoVolumeId = Text(iso, "volume_id"),
            IsoEfiImage = Text(iso, "efi_image"),
            IsoNameSuffix = Text(iso, "name_suffix"),
        };
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}

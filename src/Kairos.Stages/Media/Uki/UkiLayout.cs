using Kairos.Stages.FrontEnd.Sources;

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

    /// <summary>Reads the layout from a stage source; a missing or malformed file names itself (and the line).</summary>
    public static UkiLayout Load(IStageSource source) => LayoutReader.Read(source, DataPath, "the UKI layout data", Decode);

    private static UkiLayout Decode(StageData r)
    {
        var root = r.Root;
        var iso = r.Map(root, "iso");
        return new UkiLayout
        {
            Stub = r.Text(root, "stub"),
            SystemdBoot = r.Text(root, "systemd_boot"),
            Phases = r.List(root, "phases"),
            Cmdline = r.Text(root, "cmdline"),
            DefaultName = r.Text(root, "default_name"),
            ExtraPrefix = r.Text(root, "extra_prefix"),
            BootFile = r.Text(root, "boot_file"),
            UkiDir = r.Text(root, "uki_dir"),
            LoaderConf = r.Text(root, "loader_conf"),
            EntriesDir = r.Text(root, "entries_dir"),
            KeysDir = r.Text(root, "keys_dir"),
            Sbat = r.Text(root, "sbat"),
            KernelPrefixes = r.List(root, "kernel_prefixes"),
            InitrdEmpty = r.List(root, "initrd_empty"),
            InitrdLeaveOut = r.List(root, "initrd_leave_out"),
            InitLink = r.Text(root, "init_link"),
            InitrdDirs = r.List(root, "initrd_dirs"),
            Zstd = r.List(root, "zstd"),
            IsoVolumeId = r.Text(iso, "volume_id"),
            IsoEfiImage = r.Text(iso, "efi_image"),
        };
    }
}

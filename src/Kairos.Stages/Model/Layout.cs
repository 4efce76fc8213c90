namespace Kairos.Stages.Model;

/// <summary>The <c>layout</c> key (boot time only).</summary>
public sealed record Layout
{
    public LayoutDevice? Device { get; init; }
    public ulong? ExpandPartitionSize { get; init; }
    public bool HasExpandPartition { get; init; }
    public IReadOnlyList<LayoutPartition> AddPartitions { get; init; } = [];
}

/// <summary><c>layout.device</c>.</summary>
public sealed record LayoutDevice
{
    public string Label { get; init; } = "";
    public string Path { get; init; } = "";
    public bool InitDisk { get; init; }
    public string DiskName { get; init; } = "";
}

/// <summary>One <c>layout.add_partitions[]</c> entry (note yip's camelCase <c>fsLabel</c>/<c>pLabel</c>).</summary>
public sealed record LayoutPartition
{
    public string FsLabel { get; init; } = "";
    public string PLabel { get; init; } = "";
    public ulong Size { get; init; }
    public string Filesystem { get; init; } = "";
    public bool Bootable { get; init; }
}

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The <c>layout</c> key (boot time only).</summary>
public sealed record Layout
{
    public LayoutDevice? Device { get; init; }
    public ulong? ExpandPartitionSize { get; init; }
    public bool HasExpandPartition { get; init; }
    public IReadOnlyList<LayoutPartition> AddPartitions { get; init; } = [];
}

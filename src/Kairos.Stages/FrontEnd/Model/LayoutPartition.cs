namespace Kairos.Stages.FrontEnd.Model;

/// <summary>One <c>layout.add_partitions[]</c> entry (note yip's camelCase <c>fsLabel</c>/<c>pLabel</c>).</summary>
public sealed record LayoutPartition
{
    public string FsLabel { get; init; } = "";
    public string PLabel { get; init; } = "";
    public ulong Size { get; init; }
    public string Filesystem { get; init; } = "";
    public bool Bootable { get; init; }
}

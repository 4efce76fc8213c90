namespace Kairos.Stages.FrontEnd.Model;

/// <summary><c>layout.device</c>.</summary>
public sealed record LayoutDevice
{
    public string Label { get; init; } = "";
    public string Path { get; init; } = "";
    public bool InitDisk { get; init; }
    public string DiskName { get; init; } = "";
}

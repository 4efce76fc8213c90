namespace Kairos.Stages.FrontEnd.Model;

/// <summary>An <c>unpack_images[]</c> entry (boot time only here).</summary>
public sealed record UnpackImage
{
    public string Source { get; init; } = "";
    public string Target { get; init; } = "";
    public string Platform { get; init; } = "";
}

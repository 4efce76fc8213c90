using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A <c>downloads[]</c> entry; <c>sha256</c> and <c>extract</c> are our extensions.</summary>
public sealed record Download
{
    public SourceSpan Location { get; init; }
    public string Path { get; init; } = "";
    public string Url { get; init; } = "";
    public uint? Permissions { get; init; }
    public int? Owner { get; init; }
    public int? Group { get; init; }
    public int Timeout { get; init; }
    public string OwnerString { get; init; } = "";
    public string Sha256 { get; init; } = "";

    /// <summary>Our extension: the URL is a tar(.gz) archive; install the member whose path ends with this name at <see cref="Path"/>.</summary>
    public string Extract { get; init; } = "";
}

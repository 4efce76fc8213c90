using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A <c>files[]</c> entry. Null numbers mean "not given" (yip uses 0).</summary>
public sealed record FileEntry
{
    public SourceSpan Location { get; init; }
    public string Path { get; init; } = "";
    public string Content { get; init; } = "";
    public string Encoding { get; init; } = "";
    public uint? Permissions { get; init; }
    public int? Owner { get; init; }
    public int? Group { get; init; }
    public string OwnerString { get; init; } = "";
}

using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Model;

/// <summary>A <c>directories[]</c> entry.</summary>
public sealed record DirectoryEntry
{
    public SourceSpan Location { get; init; }
    public string Path { get; init; } = "";
    public uint? Permissions { get; init; }
    public int? Owner { get; init; }
    public int? Group { get; init; }
}

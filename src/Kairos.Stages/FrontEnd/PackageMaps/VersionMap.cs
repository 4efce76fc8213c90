namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Constraint key (<c>common</c>, <c>&gt;=24.04</c>, <c>20.04 || 22.04</c>) to packages, in file order.</summary>
public sealed record VersionMap(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Entries)
{
    public static VersionMap Empty { get; } = new([]);
}

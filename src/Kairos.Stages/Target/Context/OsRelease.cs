namespace Kairos.Stages.Target.Context;

/// <summary>The fields of an os-release file we use, values unquoted.</summary>
public sealed record OsRelease
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string> IdLike { get; init; } = [];
    public string VersionId { get; init; } = "";
    public string VersionCodename { get; init; } = "";
    public string PrettyName { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>Every key as read, for templates and diagnostics.</summary>
    public IReadOnlyDictionary<string, string> All { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);
}

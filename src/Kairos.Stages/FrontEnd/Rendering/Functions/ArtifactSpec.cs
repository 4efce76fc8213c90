namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>One entry of <c>stages/data/artifacts.yaml</c>: a pinned release and how to fetch it per arch.</summary>
public sealed record ArtifactSpec
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string UrlPattern { get; init; }

    /// <summary>Target arch → the spelling the release uses; an absent arch has no release.</summary>
    public IReadOnlyDictionary<string, string> Arches { get; init; } = new Dictionary<string, string>();

    public string Extract { get; init; } = "";
    public required string Path { get; init; }
    public string Mode { get; init; } = "0755";
    public bool HasFipsTwin { get; init; }
    public bool FollowsK8sVersion { get; init; }

    /// <summary><c>arch</c> or <c>arch-fips</c> → hex digest.</summary>
    public IReadOnlyDictionary<string, string> Sha256 { get; init; } = new Dictionary<string, string>();
}

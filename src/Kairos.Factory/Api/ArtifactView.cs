namespace Kairos.Factory.Api;

/// <summary>One downloadable file of a build.</summary>
public sealed record ArtifactView(string Name, long Size, string Sha256, string Description, string Url, DateTimeOffset? ExpiresAt);

namespace Kairos.Factory.Api;

/// <summary>One downloadable file of a build; <see cref="Url"/> is a short-lived signed link for a caller who sent the token, else the plain path.</summary>
public sealed record ArtifactView(string Name, long Size, string Sha256, string Description, string Url, DateTimeOffset? ExpiresAt);

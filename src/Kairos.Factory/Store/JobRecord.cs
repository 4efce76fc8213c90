using Kairos.Factory.Api;

namespace Kairos.Factory.Store;

/// <summary>One build as stored: the validated request, its state and times.</summary>
public sealed record JobRecord(
    string Id,
    string Status,
    string? Message,
    BuildSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? ArtifactsDeletedAt);

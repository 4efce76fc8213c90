using Kairos.Factory.Store;

namespace Kairos.Factory.Api;

/// <summary>A build as the API shows it (the cloud-config is never echoed: GETs need no token).</summary>
public sealed record JobView
{
    public required string Id { get; init; }

    /// <summary>The id again, under the classic Factory's name for it.</summary>
    public required string Uuid { get; init; }

    public required string Status { get; init; }

    public string? Message { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When retention deletes the artifacts (set once the build ends).</summary>
    public DateTimeOffset? ArtifactsExpireAt { get; init; }

    public DateTimeOffset? ArtifactsDeletedAt { get; init; }

    public string? Image { get; init; }

    public string? BaseUpload { get; init; }

    public required string Version { get; init; }

    public required string Architecture { get; init; }

    public required string Model { get; init; }

    public required string Variant { get; init; }

    public string? KubernetesDistribution { get; init; }

    public string? KubernetesVersion { get; init; }

    public bool TrustedBoot { get; init; }

    public bool Fips { get; init; }

    public bool HasCloudConfig { get; init; }

    public required string Builder { get; init; }

    public required BuildOutputs Artifacts { get; init; }

    /// <summary>The build as this server spells it: with <see cref="FactoryOptions.ClassicStatusNames"/>, the classic Factory's status names.</summary>
    public static JobView From(JobRecord job, FactoryOptions options) => new()
    {
        Id = job.Id,
        Uuid = job.Id,
        Status = ClassicNames.Status(job.Status, options),
        Message = job.Message,
        CreatedAt = job.CreatedAt,
        StartedAt = job.StartedAt,
        FinishedAt = job.FinishedAt,
        ArtifactsExpireAt = job.ExpiresAt,
        ArtifactsDeletedAt = job.ArtifactsDeletedAt,
        Image = job.Spec.Image,
        BaseUpload = job.Spec.BaseUpload,
        Version = job.Spec.Version,
        Architecture = job.Spec.Architecture,
        Model = job.Spec.Model,
        Variant = job.Spec.Variant,
        KubernetesDistribution = job.Spec.KubernetesDistribution,
        KubernetesVersion = job.Spec.KubernetesVersion,
        TrustedBoot = job.Spec.TrustedBoot,
        Fips = job.Spec.Fips,
        HasCloudConfig = job.Spec.CloudConfig is not null,
        Builder = job.Spec.Builder,
        Artifacts = job.Spec.Artifacts,
    };
}

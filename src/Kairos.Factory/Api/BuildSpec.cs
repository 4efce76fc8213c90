namespace Kairos.Factory.Api;

/// <summary>A validated, normalised build request: what the pipeline runs and the store keeps.</summary>
public sealed record BuildSpec
{
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

    public string? CloudConfig { get; init; }

    public required string Builder { get; init; }

    public required BuildOutputs Artifacts { get; init; }
}

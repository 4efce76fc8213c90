using System.ComponentModel;

namespace Kairos.Factory.Api;

/// <summary>A build request as sent: the classic Factory's JobData fields (every one optional on the wire; the validator says which are required).</summary>
public sealed record BuildRequest
{
    [Description("Base container image reference, local to the engine (no registry pulls), e.g. localhost/debian:12. Required unless base_upload is given.")]
    public string? Image { get; init; }

    [Description("Id of a base root tarball sent to POST /api/v1/uploads, instead of image (the engine imports it as the base).")]
    public string? BaseUpload { get; init; }

    [Description("Kairos OS version to stamp into /etc/kairos-release (semver, v prefix optional). Required.")]
    public string? Version { get; init; }

    [Description("amd64 or arm64. Required.")]
    public string? Architecture { get; init; }

    [Description("Board model; GET /api/v1/config lists the models of each architecture (rpi3 and rpi4: arm64 only) and, in rules.outputs, the outputs each model's image makes (a Pi's: raw_efi, the Pi disk, oci and rootfs). Default generic.")]
    public string? Model { get; init; }

    [Description("core, or standard (with Kubernetes). Default: standard when kubernetes_distribution is set, else core.")]
    public string? Variant { get; init; }

    [Description("k3s or k0s; required for the standard variant.")]
    public string? KubernetesDistribution { get; init; }

    [Description("Kubernetes version, e.g. v1.32.1+k3s1; empty: the pinned default from GET /api/v1/config.")]
    public string? KubernetesVersion { get; init; }

    [Description("The classic UI's name for kubernetes_version (accepted; must agree with it when both are given).")]
    public string? KubernetesRelease { get; init; }

    [Description("Build a Trusted Boot (UKI) image.")]
    public bool? TrustedBoot { get; init; }

    [Description("Build with FIPS-validated crypto (kairos-stages run --fips). Default false. Refused for the bases and architectures GET /api/v1/config lists under fips (e.g. Ubuntu images).")]
    public bool? Fips { get; init; }

    [Description("A cloud-config (YAML, starting with #cloud-config) embedded as /config.yaml on the ISO and as COS_OEM's 90_custom.yaml on the disks (without one, disks get AuroraBoot's default user kairos/kairos). At most 64 KiB. Never echoed back.")]
    public string? CloudConfig { get; init; }

    [Description("The classic Factory's kairos-init release (e.g. v0.5.0). Checked, then ignored: this Factory builds with its own kairos-stages; the create answer's warnings say so.")]
    public string? KairosInitVersion { get; init; }

    [Description("podman or docker; default: the server's.")]
    public string? Builder { get; init; }

    [Description("Which outputs to build; at least one.")]
    public BuildArtifactsRequest? Artifacts { get; init; }
}

using System.ComponentModel;

namespace Kairos.Factory.Api;

/// <summary>The outputs a request asks for (classic names kept where they exist; the cloud formats are refused, not ignored).</summary>
public sealed record BuildArtifactsRequest
{
    [Description("Bootable live/installer ISO (kairos-stages build-iso).")]
    public bool? Iso { get; init; }

    [Description("OCI archive of the built image.")]
    public bool? Oci { get; init; }

    [Description("The classic name for the container image tarball; same as oci.")]
    public bool? ContainerFile { get; init; }

    [Description("Tarball of the built root filesystem.")]
    public bool? Rootfs { get; init; }

    [Description("Raw disk image: not built by this Factory (true is refused).")]
    public bool? RawImage { get; init; }

    [Description("AWS image: not built by this Factory (true is refused).")]
    public bool? Aws { get; init; }

    [Description("Google Cloud image: not built by this Factory (true is refused).")]
    public bool? Gcp { get; init; }

    [Description("Azure VHD: not built by this Factory (true is refused).")]
    public bool? Azure { get; init; }
}

using Kairos.Factory.Api;

namespace Kairos.Factory.Tests.Support;

/// <summary>Build requests the tests send.</summary>
internal static class Requests
{
    public static BuildRequest Chroot(string upload, string version = "1.0.0") => new()
    {
        BaseUpload = upload,
        Version = version,
        Architecture = "amd64",
        Builder = "chroot",
        Artifacts = new BuildArtifactsRequest { Rootfs = true },
    };

    public static BuildRequest Podman(string image) => new()
    {
        Image = image,
        Version = "1.0.0",
        Architecture = "amd64",
        Builder = "podman",
        Artifacts = new BuildArtifactsRequest { Oci = true },
    };
}

using Kairos.Factory.Api;

namespace Kairos.Factory.Tests.Support;

/// <summary>Build requests the tests send.</summary>
internal static class Requests
{
    /// <summary>A build of an uploaded root with the test-only fixture builder (a <c>with { Builder = … }</c> sends it to an engine).</summary>
    public static BuildRequest Upload(string upload, string version = "1.0.0") => new()
    {
        BaseUpload = upload,
        Version = version,
        Architecture = "amd64",
        Builder = "fixture",
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

using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 32 on dockerd 20.10's BuildKit: a base for another architecture than the daemon's. Its import labels every image
/// with the daemon's architecture (<c>docker import --platform linux/arm64</c> too), and BuildKit given
/// <c>--platform linux/arm64</c> then looks for the base in a registry; an uploaded arm64 root is made by the engine
/// itself (<c>FROM scratch</c>, <c>ADD</c>) for that platform, and a local image of another architecture is refused naming
/// both. The fixture kairos-stages runs natively, so these builds end on the architecture check (ForeignArchitectureTests).
/// </summary>
[Slow(SlowKind.Engine)]
public sealed class DockerForeignBaseTests
{
    private const string EnabledHandler = "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_uploaded_root_for_an_arm64_docker_build_becomes_an_arm64_base_the_build_for_linux_arm64_finds_locally()
    {
        if ((NotAmd64() ?? DockerDaemon.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        using var host = new FactoryHost(options => options with { Docker = DockerDaemon.Client, BinfmtDir = binfmt.Path });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Architecture = "arm64", Builder = "docker" });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");
        var log = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        // the base was built for linux/arm64 (no import), and the image's RUN lines ran FROM it: no registry was asked
        Assert.Contains($"[base] $ {DockerDaemon.Client} build --progress plain --platform linux/arm64 --tag localhost/kairos-factory/base:{id} ", log, StringComparison.Ordinal);
        Assert.DoesNotContain(" import ", log, StringComparison.Ordinal);
        Assert.Contains("fixture kairos-stages validate --model generic", log, StringComparison.Ordinal);
        Assert.Equal("failed", job.Status);
        Assert.Contains("asked for arm64 but the image was built for amd64", job.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, DockerDaemon.Try("image", "inspect", $"localhost/kairos-factory/base:{id}").Code);
    }

    [Fact]
    public async Task A_local_image_labelled_amd64_for_an_arm64_docker_build_fails_its_build_naming_both_architectures()
    {
        if ((NotAmd64() ?? DockerDaemon.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        var tarball = Path.Combine(binfmt.Path, "busybox.tar");
        File.WriteAllBytes(tarball, BaseTarball.Busybox());
        var image = $"localhost/kf-amd64-busybox:{Guid.NewGuid():N}";
        DockerDaemon.Run("import", tarball, image);
        try
        {
            using var host = new FactoryHost(options => options with { Docker = DockerDaemon.Client, BinfmtDir = binfmt.Path });

            var id = await host.CreateOkAsync(Requests.Podman(image) with { Architecture = "arm64", Builder = "docker" });
            var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

            Assert.Equal("failed", job.Status);
            Assert.Contains($"image '{image}' is amd64, but the build asks for arm64", job.Message, StringComparison.Ordinal);
        }
        finally
        {
            DockerDaemon.Try("image", "rm", image);
        }
    }

    private static string? NotAmd64() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 ? null : "the host must be amd64";
}

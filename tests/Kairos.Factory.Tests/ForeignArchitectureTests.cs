using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 32: a build for an architecture this machine cannot run is refused up front naming binfmt_misc, and an
/// artifact is never labelled with an architecture its image was not built for (the fixture kairos-stages writes
/// the architecture it ran on into kairos-release, as the real init does).
/// </summary>
public sealed class ForeignArchitectureTests
{
    private const string EnabledHandler = "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n";

    [Fact]
    public async Task An_arm64_build_on_an_amd64_machine_without_a_qemu_aarch64_handler_is_a_400_naming_binfmt_and_nothing_is_queued()
    {
        Assert.SkipUnless(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the host must be amd64");
        using var binfmt = new TempRoot("kf-binfmt-");
        using var host = new FactoryHost(options => options with { BinfmtDir = binfmt.Path });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        using var response = await host.CreateAsync(Requests.Upload(upload) with { Architecture = "arm64" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("architecture").EnumerateArray()).GetString()!;
        Assert.Contains("binfmt_misc", message, StringComparison.Ordinal);
        Assert.Contains("qemu-aarch64", message, StringComparison.Ordinal);
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
    }

    [Fact]
    public async Task An_arm64_build_on_a_server_with_no_arm64_kairos_stages_is_a_400_naming_the_flag_that_gives_one()
    {
        // the machine runs arm64 programs, but the server's only binary is its own architecture's: copied into an arm64
        // image it would find no loader for it there
        Assert.SkipUnless(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the host must be amd64");
        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        using var host = new FactoryHost(options => options with { BinfmtDir = binfmt.Path, ForeignBinaries = new Dictionary<string, string>() });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        using var response = await host.CreateAsync(Requests.Upload(upload) with { Architecture = "arm64" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("architecture").EnumerateArray()).GetString()!;
        Assert.Contains("kairos-stages to run inside the image", message, StringComparison.Ordinal);
        Assert.Contains("--kairos-stages-for ", message, StringComparison.Ordinal);
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
    }

    [Fact]
    public async Task An_image_built_for_amd64_where_arm64_was_asked_fails_its_build_naming_both_and_no_arm64_artifact_is_kept()
    {
        Assert.SkipUnless(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the host must be amd64");
        // the machine says it can run arm64 programs (an enabled handler), but the builder runs the fixture natively:
        // the image comes out amd64, as an engine given no --platform builds for its own architecture
        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        using var host = new FactoryHost(options => options with { BinfmtDir = binfmt.Path });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Architecture = "arm64" });
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(60), "succeeded", "failed");
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;

        Assert.Equal("failed", job.Status);
        Assert.Contains("asked for arm64 but the image was built for amd64", job.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(artifacts, artifact => artifact.Name.Contains("-arm64-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_uploaded_root_for_an_arm64_podman_build_is_imported_as_arm64_so_the_build_for_linux_arm64_finds_it()
    {
        // a root tarball carries no architecture: imported without one, podman labels it amd64 here, and
        // `podman build --platform linux/arm64 --pull=never` then fails "image not known" before any RUN line
        Assert.SkipUnless(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the host must be amd64");
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        using var podman = new Podman();
        using var host = new FactoryHost(options => options with { BinfmtDir = binfmt.Path, PodmanRoot = podman.Root, PodmanRunRoot = podman.RunRoot });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Architecture = "arm64", Builder = "podman" });
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(120), "succeeded", "failed");
        var log = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        // the import says arm64 and the build found the image: its RUN lines ran (the fixture runs natively, so the
        // build then fails on the architecture check, as the test above shows, not on the base)
        Assert.Contains(" import --arch arm64 ", log, StringComparison.Ordinal);
        Assert.Contains("--pull=never --platform linux/arm64 ", log, StringComparison.Ordinal);
        Assert.DoesNotContain("image not known", log, StringComparison.Ordinal);
        Assert.Contains("fixture kairos-stages validate --model generic", log, StringComparison.Ordinal);
        Assert.Equal("failed", job.Status);
        Assert.Contains("asked for arm64 but the image was built for amd64", job.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_image_labelled_amd64_for_an_arm64_podman_build_fails_its_build_naming_both_architectures_and_podman_import_arch()
    {
        // podman build --platform linux/arm64 --pull=never finds no arm64 image by that name and says only "image not known"
        Assert.SkipUnless(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the host must be amd64");
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var binfmt = new TempRoot("kf-binfmt-");
        File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), EnabledHandler);
        using var podman = new Podman();
        podman.Import(BaseTarball.Busybox(), "localhost/kf-busybox:1");
        using var host = new FactoryHost(options => options with { BinfmtDir = binfmt.Path, PodmanRoot = podman.Root, PodmanRunRoot = podman.RunRoot });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/kf-busybox:1") with { Architecture = "arm64" });
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(60), "succeeded", "failed");

        Assert.Equal("failed", job.Status);
        Assert.Contains("image 'localhost/kf-busybox:1' is amd64, but the build asks for arm64", job.Message, StringComparison.Ordinal);
        Assert.Contains("podman import --arch arm64", job.Message, StringComparison.Ordinal);
    }
}

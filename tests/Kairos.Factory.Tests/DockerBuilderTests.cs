using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// The docker builder on a real dockerd (the one .ci/run starts, DOCKER_HOST) through Debian's client with BuildKit:
/// an uploaded root tarball brought in with <c>docker import</c> (nothing unpacked on the host), its outputs written by the
/// engine, and a cancel that stops the RUN step inside dockerd. A busybox base and fixture kairos-stages keep it small.
/// </summary>
[Slow(SlowKind.Engine)]
public sealed class DockerBuilderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_uploaded_root_is_imported_into_dockerd_and_built_with_BuildKit_which_writes_the_rootfs_and_the_image()
    {
        if (DockerDaemon.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        using var host = new FactoryHost(options => options with { Docker = DockerDaemon.Client, DefaultBuilder = "docker" });
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        // act
        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Builder = "docker", Artifacts = new BuildArtifactsRequest { Oci = true, Rootfs = true } });
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");
        var log = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;

        // assert: imported, built by BuildKit (its "#N" step lines), the fixture ran in the image, the per-job names are gone
        Assert.True(job.Status == "succeeded", job.Message + "\n" + log);
        Assert.Contains($"[base] $ {DockerDaemon.Client} import {Path.Combine(host.DataDir, "uploads", upload + ".tar")} localhost/kairos-factory/base:{id}", log);
        Assert.Contains("--output type=tar,dest=", log);
        Assert.Matches(@"\[rootfs\] #\d+ \[\d/\d\] RUN \[""/kairos-stages/kairos-stages"",""run"",""--stage"",""install""", log);
        Assert.Contains("fixture kairos-stages run --stage init --only-steps before-init,kernel,initramfsConfigs,initrd --model generic", log);
        Assert.Contains("fixture kairos-stages run --stage init --skip-steps before-init,kernel,initramfsConfigs,initrd --version v1.0.0 --model generic", log);
        Assert.DoesNotContain(id, DockerDaemon.Try("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").Output, StringComparison.Ordinal);

        var rootEntries = BuilderTests.Entries(await host.Authorized.GetByteArrayAsync(artifacts.Single(a => a.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal)).Url));
        Assert.Contains("KAIROS_FIXTURE=built\n", rootEntries["etc/kairos-release"], StringComparison.Ordinal);
        // named from the image's kairos-release although the engine exported no root (only oci and rootfs were asked)
        Assert.Equal(["kairos-fixture-1-core-amd64-generic-v1.0.0.oci.tar", "kairos-fixture-1-core-amd64-generic-v1.0.0.rootfs.tar"],
            artifacts.Select(a => a.Name).Where(name => !name.EndsWith(".sha256", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rootEntries.Keys, name => name.StartsWith("kairos-stages/", StringComparison.Ordinal));
        var ociEntries = BuilderTests.Entries(await host.Authorized.GetByteArrayAsync(artifacts.Single(a => a.Name.EndsWith(".oci.tar", StringComparison.Ordinal)).Url));
        Assert.Contains("oci-layout", ociEntries.Keys);
        Assert.Contains("index.json", ociEntries.Keys);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "work", id)));
    }

    [Fact]
    public async Task Cancelling_a_docker_build_stops_its_RUN_step_inside_dockerd()
    {
        if (DockerDaemon.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: a build whose install step sleeps inside dockerd's BuildKit
        using var host = new FactoryHost(options => options with { Docker = DockerDaemon.Client, KairosStagesBinary = FactoryHost.Fixture("stages-sleep.sh") });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var id = await host.CreateOkAsync(Requests.Upload(upload) with { Builder = "docker" });
        var deadline = DateTime.UtcNow + Timeout;
        int[] sleeping;
        while ((sleeping = Sleepers()).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fixture never started in the engine: {(await host.GetAsync(id)).Message}");
            await Task.Delay(200);
        }

        // act
        using var cancel = await host.Authorized.PostAsync($"/api/v1/builds/{id}/cancel", null);
        var cancelled = await host.WaitForAsync(id, Timeout, "cancelled", "failed", "succeeded");

        // assert: the step's process in the engine's container is gone soon after (BuildKit cancels a build whose client left)
        Assert.Equal("cancelled", cancelled.Status);
        var stopDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (sleeping.Any(CancelTests.IsAlive))
        {
            Assert.True(DateTime.UtcNow < stopDeadline, $"the RUN step (pids {string.Join(' ', sleeping)}) still runs in dockerd 60 s after the cancel");
            await Task.Delay(500);
        }

        // and the uploaded root's per-job name is gone from the daemon (its layers may stay: they are the cache)
        Assert.NotEqual(0, DockerDaemon.Try("image", "inspect", $"localhost/kairos-factory/base:{id}").Code);
    }

    /// <summary>The host pids of the fixture's <c>sleep 613</c> (in the engine's container, visible from the host).</summary>
    internal static int[] Sleepers() =>
        [.. Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => int.TryParse(name, out _))
            .Where(pid => ReadCommandLine(pid!) == "sleep\0613\0").Select(pid => int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string? ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }
    }
}

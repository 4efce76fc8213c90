using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>Engine missing, image not found, disk full in the data dir: the build fails with a message that says why, and the server keeps serving.</summary>
public sealed class FaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_missing_engine_fails_the_build_naming_the_program()
    {
        using var host = new FactoryHost(options => options with { Podman = "/nonexistent/podman" });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/debian:12"));
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        Assert.Equal("failed", job.Status);
        Assert.Contains("cannot start /nonexistent/podman", job.Message);
        Assert.Contains("is it installed?", job.Message);
    }

    [Fact]
    public async Task An_image_missing_from_the_local_store_fails_without_any_pull()
    {
        if (Podman.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var podman = new Podman();
        using var host = new FactoryHost(options => options with { PodmanRoot = podman.Root, PodmanRunRoot = podman.RunRoot });

        var id = await host.CreateOkAsync(Requests.Podman("localhost/kf-no-such-image:1"));
        var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");

        Assert.Equal("failed", job.Status);
        Assert.Contains("'localhost/kf-no-such-image:1' is not in the local image store", job.Message);
    }

    [Fact]
    public async Task A_full_data_dir_fails_the_build_with_no_space_left_and_the_server_keeps_answering()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (mounts a small tmpfs as the data dir)");
        }

        // arrange: an 8 MiB data dir; the upload (3 MiB of random bytes) fits, unpacking and packing it again does not
        var dataDir = Directory.CreateTempSubdirectory("kf-full-").FullName;
        Podman.Exec("mount", "-t", "tmpfs", "-o", "size=8m", "kf-full", dataDir);
        try
        {
            using (var host = new FactoryHost(dataDir: dataDir))
            {
                var upload = await host.UploadAsync(BaseTarball.Busybox(paddingBytes: 3 << 20));

                // act
                var id = await host.CreateOkAsync(Requests.Chroot(upload));
                var job = await host.WaitForAsync(id, Timeout, "failed", "succeeded");
                var ready = await host.Client.GetAsync("/api/v1/readyz");
                var list = await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json);

                // assert
                Assert.Equal("failed", job.Status);
                Assert.Contains("No space left on device", job.Message);
                Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
                Assert.Equal(1, list!.Total);
                Assert.False(Directory.Exists(Path.Combine(dataDir, "work", id)));
            }
        }
        finally
        {
            Podman.Exec("umount", dataDir);
            Directory.Delete(dataDir);
        }
    }
}

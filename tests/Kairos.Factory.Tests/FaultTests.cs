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

    [Slow(SlowKind.Engine)]
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
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=8m", "kf-full", dataDir);
        try
        {
            using (var host = new FactoryHost(dataDir: dataDir))
            {
                var upload = await host.UploadAsync(BaseTarball.Busybox(paddingBytes: 3 << 20));

                // act
                var id = await host.CreateOkAsync(Requests.Upload(upload));
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
            Programs.Run("umount", dataDir);
            Directory.Delete(dataDir);
        }
    }

    [Fact]
    public async Task A_work_dir_the_clean_up_cannot_delete_is_logged_and_the_server_keeps_building()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (chattr +i)");
        }

        // arrange: the fixture leaves an immutable file in each build's root (before the fix, the failed delete threw out of
        // the worker and stopped the whole server)
        var dataDir = Directory.CreateTempSubdirectory("kf-undeletable-").FullName;
        var probe = Path.Combine(dataDir, "chattr-probe");
        File.WriteAllText(probe, "");
        if (!TryChattr("+i", probe))
        {
            Directory.Delete(dataDir, recursive: true);
            Assert.Skip("the file system under /tmp has no immutable attribute");
        }

        TryChattr("-i", probe);
        var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-immutable.sh") }, dataDir);
        try
        {
            var upload = await host.UploadAsync(BaseTarball.Busybox());

            // act: two builds one after the other on the single worker
            var first = await host.CreateOkAsync(Requests.Upload(upload, "1.0.1"));
            var firstJob = await host.WaitForAsync(first, Timeout, "failed", "succeeded");
            var second = await host.CreateOkAsync(Requests.Upload(upload, "1.0.2"));
            var secondJob = await host.WaitForAsync(second, Timeout, "failed", "succeeded");
            using var ready = await host.Client.GetAsync("/api/v1/readyz");

            // assert: both finished (the worker survived), the server answers, the pinned file kept its work dir
            Assert.Equal("succeeded", firstJob.Status);
            Assert.Equal("succeeded", secondJob.Status);
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            Assert.True(File.Exists(Path.Combine(dataDir, "work", first, "root", "pinned")));
        }
        finally
        {
            foreach (var pinned in Directory.GetFiles(Path.Combine(dataDir, "work"), "pinned", SearchOption.AllDirectories))
            {
                TryChattr("-i", pinned);
            }

            host.Dispose(); // deletes the data dir
        }
    }

    private static bool TryChattr(string flag, string path)
    {
        using var chattr = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        chattr.WaitForExit();
        return chattr.ExitCode == 0;
    }
}

using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 4: on a data dir that is full (a small tmpfs, filled by the test) the end of a build is still
/// recorded, the server stays up, and a server killed and started again on the full disk lists and deletes builds;
/// once space is back a normal build succeeds.
/// </summary>
public sealed class FullDiskTests
{
    [Fact]
    public async Task A_full_data_dir_keeps_the_server_up_and_a_restart_on_it_lists_and_deletes()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root (mounts a small tmpfs as the data dir)");
        }

        var dataDir = Directory.CreateTempSubdirectory("kf-fulldisk-").FullName;
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=32m,mode=0700", "kf-fulldisk", dataDir);
        var filler = Path.Combine(dataDir, "filler");
        try
        {
            string cancelled, interrupted;
            using (var first = new FactoryServer(dataDir, ServerBuilds.Flags("stages-hang.sh")))
            {
                await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
                first.Authorize();
                var upload = await first.UploadAsync();
                cancelled = await first.CreateAsync(Requests.Upload(upload));
                await first.WaitForAsync(cancelled, "running");
                // running is recorded before the builder unpacks the upload: fill only once the fixture runs (the cold CI
                // run on 02ac78d filled the disk under that unpack, and the build failed before the cancel came)
                await FixtureRunningAsync(dataDir, cancelled);

                // act 1: the disk fills up under a running build, which is then cancelled: its end is recorded, the server stays up
                Fill(filler);
                (await first.Client.PostAsync($"/api/v1/builds/{cancelled}/cancel", null)).EnsureSuccessStatusCode();
                var job = await first.WaitForAsync(cancelled, "cancelled", "failed");
                Assert.True(job.Status == "cancelled", $"{job.Status}: {job.Message}");
                await Task.Delay(500);
                Assert.False(first.HasExited, "the server stopped: " + first.Output);
                using (var health = await first.Client.GetAsync("/api/v1/healthz"))
                {
                    Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                }

                // act 2: space for one more build, which runs; the disk fills again, and the server is killed (-9)
                File.Delete(filler);
                interrupted = await first.CreateAsync(Requests.Upload(upload));
                await first.WaitForAsync(interrupted, "running");
                await FixtureRunningAsync(dataDir, interrupted);
                Fill(filler);
                first.KillServerOnly();
            }

            // act 3: a start on the full disk comes up, lists, marks the killed build interrupted, and deletes
            using var second = new FactoryServer(dataDir, ServerBuilds.Flags());
            await second.WaitAnsweringAsync(TimeSpan.FromSeconds(60));
            second.Authorize();
            Assert.Equal("interrupted by server restart", (await second.WaitForAsync(interrupted, "interrupted")).Message);
            // the build shows interrupted before recovery has made the reserve again: fill only once recovery is done
            // (filling in between left no reserve for the deletes below: a 500 seen in CI under load)
            await RecoveryDoneAsync(second);
            Fill(filler); // the clean-up of the killed build freed its work dir: full again
            var list = (await second.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!;
            Assert.Equal(2, list.Total);
            foreach (var id in new[] { cancelled, interrupted })
            {
                using var deleted = await second.Client.DeleteAsync($"/api/v1/builds/{id}");
                Assert.True(deleted.StatusCode == HttpStatusCode.NoContent, $"DELETE {id}: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}\n{second.Output}");
            }

            // act 4: a build on the still full disk fails saying so (or is refused with 507); the server stays up
            Fill(filler);
            using (var response = await second.Client.PostAsJsonAsync("/api/v1/builds", Requests.Upload(await UploadOrNullAsync(second) ?? "0123456789abcdef0123456789abcdef"), FactoryHost.Json))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.InsufficientStorage or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await response.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
                    var job = await second.WaitForAsync(id, "failed", "succeeded");
                    Assert.Equal("failed", job.Status);
                    Assert.Contains("No space left on device", job.Message, StringComparison.Ordinal);
                }
            }

            // assert: space back, the server builds
            File.Delete(filler);
            await second.AssertAnswersAndBuildsAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Programs.Run("umount", "-l", dataDir);
            Directory.Delete(dataDir);
        }
    }

    /// <summary>Waits until /readyz reports start-up recovery done (its clean-up, the interrupted builds and the reserve).</summary>
    private static async Task RecoveryDoneAsync(FactoryServer server)
    {
        const string done = "\"recovery\":\"ok\"";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var body = "";
        while (!body.Contains(done, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            using var response = await server.Client.GetAsync("/api/v1/readyz");
            body = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains(done, body, StringComparison.Ordinal);
    }

    /// <summary>Appends to <paramref name="path"/> until the file system is full.</summary>
    internal static void Fill(string path)
    {
        var block = new byte[256 << 10];
        try
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
            while (true)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // full
        }

        try
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
            var small = new byte[4096];
            while (true)
            {
                file.Write(small);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // full to the last block
        }
    }

    private static async Task<string?> UploadOrNullAsync(FactoryServer server)
    {
        using var tar = new ByteArrayContent(BaseTarball.Busybox());
        using var response = await server.Client.PostAsync("/api/v1/uploads", tar);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!.Id : null;
    }

    /// <summary>Waits for stages-hang.sh's pid file in the build's work dir: the fixture is past the upload's unpack.</summary>
    private static async Task FixtureRunningAsync(string dataDir, string id)
    {
        var file = Path.Combine(dataDir, "work", id, "fixture.pids");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(file) || File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fixture never started for {id}");
            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kairos.Factory.Api;

namespace Kairos.Factory.Tests.Support;

/// <summary>Builds on a real server process: upload a busybox root, queue, wait; and the end of every abuse case.</summary>
internal static class ServerBuilds
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The flags of a server whose builds are cheap: the test-only fixture builder and the kairos-stages fixture <paramref name="stages"/>.</summary>
    public static string[] Flags(string stages = "stages-ok.sh", params string[] more) =>
        ["--builder", "fixture", "--workers", "1", "--kairos-stages", FactoryHost.Fixture(stages), .. more];

    /// <summary>The Hardening tests' server: started on <paramref name="dataDir"/>, ready within 60 s, its client sending the token.</summary>
    public static async Task<FactoryServer> StartReadyAsync(string dataDir, params string[] flags)
    {
        var server = new FactoryServer(dataDir, flags);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            server.Authorize();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public static async Task<string> UploadAsync(this FactoryServer server, int paddingBytes = 0)
    {
        using var tar = new ByteArrayContent(BaseTarball.Busybox(paddingBytes));
        tar.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await server.Client.PostAsync("/api/v1/uploads", tar);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!.Id;
    }

    public static async Task<string> CreateAsync(this FactoryServer server, object request)
    {
        using var response = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
    }

    public static async Task<JobView> WaitForAsync(this FactoryServer server, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var job = (await server.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{id}", FactoryHost.Json))!;
            if (statuses.Contains(job.Status))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"build {id} is {job.Status} ({job.Message}), not {string.Join('/', statuses)}: {server.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>How every abuse case ends: the process is up, /healthz answers, and a normal fixture build succeeds.</summary>
    public static async Task AssertAnswersAndBuildsAsync(this FactoryServer server)
    {
        Assert.False(server.HasExited, "the server exited: " + server.Output);
        using (var health = await server.Client.GetAsync("/api/v1/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()));
        var job = await server.WaitForAsync(id, "succeeded", "failed", "cancelled");
        Assert.True(job.Status == "succeeded", $"the normal build {job.Status}: {job.Message}");
    }

    /// <summary>Deletes a test's data dir, first undoing mounts a hanging fixture build left in it (a failed assertion skips its cancel).</summary>
    public static void RemoveDataDir(string dataDir)
    {
        foreach (var mountPoint in Kairos.Factory.Jobs.LeftoverCleaner.MountsUnder(dataDir))
        {
            Programs.Run("umount", "-l", mountPoint);
        }

        Directory.Delete(dataDir, recursive: true);
    }
}

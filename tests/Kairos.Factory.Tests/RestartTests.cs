using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>A real server process killed mid-build: on restart the build is failed as interrupted, its processes and work dir are gone, queued builds stay queued.</summary>
public sealed partial class RestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Server_killed_mid_build_restarts_with_the_build_interrupted_and_nothing_left_running()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-restart-").FullName;
        string[] flags = ["--builder", "fixture", "--workers", "1", "--kairos-stages", FactoryHost.Fixture("stages-hang.sh")];
        string running, queued, token;
        int[] pids;
        using (var first = new FactoryServer(dataDir, flags))
        {
            await first.WaitReadyAsync(Timeout);
            token = File.ReadAllText(Path.Combine(dataDir, "secrets", "api-token")).Trim();
            first.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var tar = new ByteArrayContent(BaseTarball.Busybox());
            var upload = (await (await first.Client.PostAsync("/api/v1/uploads", tar)).Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!.Id;
            running = await CreateAsync(first.Client, Requests.Upload(upload));
            queued = await CreateAsync(first.Client, Requests.Upload(upload));
            pids = await WaitForPidsAsync(dataDir, running);

            // act 1: kill the server alone; its build's processes are left behind
            first.KillServerOnly();
            Assert.All(pids, pid => Assert.True(CancelTests.IsAlive(pid)));
        }

        // act 2: start again on the same data dir
        using var second = new FactoryServer(dataDir, flags);
        await second.WaitReadyAsync(Timeout);
        second.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var interrupted = (await second.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{running}", FactoryHost.Json))!;
        var waiting = (await second.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{queued}", FactoryHost.Json))!;

        // assert
        Assert.Equal("interrupted", interrupted.Status);
        Assert.Equal("interrupted by server restart", interrupted.Message);
        Assert.True(waiting.Status is "queued" or "running", waiting.Status);
        Assert.All(pids, pid => Assert.False(CancelTests.IsAlive(pid), $"process {pid} of the interrupted build survived the restart"));
        Assert.False(Directory.Exists(Path.Combine(dataDir, "work", running)));
        Assert.Contains("failed: interrupted by server restart", await second.Client.GetStringAsync($"/api/v1/builds/{running}/logs"));
        Assert.DoesNotContain(token, second.Output);
        Assert.True(token.Length > 20);

        // the queued build now runs; cancel it, and the data dir is clean
        await WaitForPidsAsync(dataDir, queued);
        (await second.Client.PostAsync($"/api/v1/builds/{queued}/cancel", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow + Timeout;
        while ((await second.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{queued}", FactoryHost.Json))!.Status != "cancelled")
        {
            Assert.True(DateTime.UtcNow < deadline, "the queued build was never cancelled");
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(Path.Combine(dataDir, "work", queued)));
        second.Dispose();
        Directory.Delete(dataDir, recursive: true);
    }

    private static async Task<string> CreateAsync(HttpClient client, BuildRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
    }

    private static async Task<int[]> WaitForPidsAsync(string dataDir, string id)
    {
        var file = Path.Combine(dataDir, "work", id, "fixture.pids");
        var deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(file) || File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the fixture never started");
            await Task.Delay(100);
        }

        return [.. File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }
}

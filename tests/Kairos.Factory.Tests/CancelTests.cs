using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>Cancel (queued: at once; running: process tree killed, work dir gone), and log followers that leave.</summary>
public sealed class CancelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cancelling_a_running_build_kills_its_processes_and_a_queued_one_is_cancelled_at_once()
    {
        // arrange: one worker busy with a build that waits; a second build queued behind it
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-hang.sh"), Workers = 1 });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var running = await host.CreateOkAsync(Requests.Upload(upload));
        var pids = await WaitForPidsAsync(host, running);
        var queued = await host.CreateOkAsync(Requests.Upload(upload));
        var work = Path.Combine(host.DataDir, "work", running);

        // a log follower that leaves mid-stream, and one that stays to the end
        using (var leaving = await host.Client.GetAsync($"/api/v1/builds/{running}/logs", HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await leaving.Content.ReadAsStreamAsync());
            while (!(await reader.ReadLineAsync())!.Contains("fixture kairos-stages is running", StringComparison.Ordinal))
            {
            }
        }

        var staying = host.Client.GetStringAsync($"/api/v1/builds/{running}/logs");
        using var deleteRunning = await host.Authorized.DeleteAsync($"/api/v1/builds/{running}");

        // act
        using var cancelQueued = await host.Authorized.PostAsync($"/api/v1/builds/{queued}/cancel", null);
        using var cancelRunning = await host.Authorized.PostAsync($"/api/v1/builds/{running}/cancel", null);
        var cancelled = await host.WaitForAsync(running, Timeout, "cancelled", "failed", "succeeded");
        using var cancelAgain = await host.Authorized.PostAsync($"/api/v1/builds/{running}/cancel", null);
        var log = await staying.WaitAsync(Timeout);

        // assert
        Assert.Equal(HttpStatusCode.Conflict, deleteRunning.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelQueued.StatusCode);
        Assert.Equal("cancelled", (await cancelQueued.Content.ReadFromJsonAsync<JobView>(FactoryHost.Json))!.Status);
        Assert.Equal(HttpStatusCode.Accepted, cancelRunning.StatusCode);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} survived the cancel"));
        Assert.False(Directory.Exists(work));
        Assert.Contains("fixture kairos-stages is running", log);
        Assert.EndsWith("event: end\ndata: {\"status\":\"cancelled\"}\n\n", log);
        Assert.Equal("cancelled", (await host.GetAsync(queued)).Status);
    }

    internal static async Task<int[]> WaitForPidsAsync(FactoryHost host, string id)
    {
        var file = Path.Combine(host.DataDir, "work", id, "fixture.pids");
        var deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(file) || File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the fixture never started: {(await host.GetAsync(id)).Message}");
            await Task.Delay(100);
        }

        return [.. File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }

    internal static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}

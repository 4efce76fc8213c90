using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25's bounded abuse suite, each phase against a real server on 127.0.0.1: while the abuse goes on the server
/// answers /healthz and runs a normal build; then it is killed (-9) in the middle of it, started again on the same data
/// dir, and answers and builds again. (The full data dir, with its own kill -9, is <see cref="FullDiskTests"/>.)
/// </summary>
[Slow(SlowKind.Long)]
public sealed class AbuseSuiteTests
{
    private const string LongLogVersion = "9.9.9";

    [Fact]
    public Task Slow_readers_of_a_long_log_hold_bounded_memory() => PhaseAsync(async (server, upload) =>
    {
        var id = await server.CreateAsync(Requests.Chroot(upload, LongLogVersion));
        await WaitForLogBytesAsync(server, id, 2_500_000);
        var before = server.ResidentBytes();
        using var one = LoopbackClient.From("127.0.0.1", server.Port);
        using var two = LoopbackClient.From("127.0.0.2", server.Port);
        var readers = new List<HttpResponseMessage>();
        for (var index = 0; index < 30; index++)
        {
            readers.Add(await (index < 16 ? one : two).OpenLogAsync(id)); // headers read, the body never: slow readers
        }

        await Task.Delay(3000);
        var growth = server.ResidentBytes() - before;
        Assert.All(readers, reader => Assert.Equal(HttpStatusCode.OK, reader.StatusCode));
        Assert.True(growth < 100L << 20, $"30 slow readers of a 3 MB log grew the server by {growth >> 20} MiB");
        return readers;
    });

    [Fact]
    public Task Many_idle_streams_are_refused_past_the_caps() => PhaseAsync(async (server, upload) =>
    {
        var id = await server.CreateAsync(Requests.Chroot(upload, LongLogVersion));
        await server.WaitForAsync(id, "running");
        using var client = LoopbackClient.From("127.0.0.1", server.Port);
        var opened = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.OpenLogAsync(id)));
        Assert.Equal(16, opened.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(184, opened.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests));
        return [.. opened];
    });

    [Fact]
    public Task Alias_bombs_and_deep_yaml_are_refused_quickly() => PhaseAsync(async (server, upload) =>
    {
        var sent = new List<HttpResponseMessage>();
        foreach (var cloudConfig in new[] { YamlAbuse.AliasBomb(), YamlAbuse.DeeplyNested(30_000), YamlAbuse.AliasBomb().Replace("*i", "*h", StringComparison.Ordinal) })
        {
            var response = await server.Client.PostAsJsonAsync("/api/v1/builds", Requests.Chroot(upload) with { CloudConfig = cloudConfig }, FactoryHost.Json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            sent.Add(response);
        }

        // a build left running for the kill
        await server.WaitForAsync(await server.CreateAsync(Requests.Chroot(upload, LongLogVersion)), "running");
        return sent;
    });

    [Fact]
    public Task Huge_bodies_are_refused_without_reading_them_whole() => PhaseAsync(async (server, upload) =>
    {
        var responses = new List<HttpResponseMessage>();
        using (var huge = new StringContent("{\"version\":\"" + new string('1', 8 << 20) + "\"}", Encoding.UTF8, "application/json"))
        {
            responses.Add(await server.Client.PostAsync("/api/v1/builds", huge));
        }

        Assert.Equal(HttpStatusCode.BadRequest, responses[^1].StatusCode);
        Assert.Contains("is larger than", await responses[^1].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var headers = await RawHttp.StatusAsync(server.Port, $"GET /api/v1/healthz HTTP/1.1\nHost: 127.0.0.1:{server.Port}\nX-Big: {new string('a', 64 << 10)}\nConnection: close\n");
        Assert.Equal(431, headers);

        // an upload that claims 64 GiB is refused before a byte of it is read
        var claim = await RawHttp.StatusAsync(server.Port, $"POST /api/v1/uploads HTTP/1.1\nHost: 127.0.0.1:{server.Port}\nAuthorization: {server.Client.DefaultRequestHeaders.Authorization}\nContent-Type: application/x-tar\nContent-Length: {64L << 30}\nConnection: close\n");
        Assert.Equal(413, claim);

        // a build left running for the kill
        await server.WaitForAsync(await server.CreateAsync(Requests.Chroot(upload, LongLogVersion)), "running");
        return responses;
    });

    /// <summary>Server A: the abuse, /healthz and a normal build during it, kill -9 during it; server B on the same data dir: /healthz and a normal build.</summary>
    private static async Task PhaseAsync(Func<FactoryServer, string, Task<List<HttpResponseMessage>>> abuse)
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-abuse-").FullName;
        string[] flags = ["--builder", "chroot", "--workers", "2", "--kairos-stages", FactoryHost.Fixture("stages-abuse.sh")];
        try
        {
            using (var first = new FactoryServer(dataDir, flags))
            {
                await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
                first.Authorize();
                var held = await abuse(first, await first.UploadAsync());
                try
                {
                    await first.AssertAnswersAndBuildsAsync();
                    first.KillServerOnly();
                }
                finally
                {
                    held.ForEach(response => response.Dispose());
                }
            }

            using var second = await ServerBuilds.StartReadyAsync(dataDir, flags);
            await second.AssertAnswersAndBuildsAsync();
        }
        finally
        {
            ServerBuilds.RemoveDataDir(dataDir);
        }
    }

    private static async Task WaitForLogBytesAsync(FactoryServer server, string id, long bytes)
    {
        var log = Path.Combine(server.DataDir, "jobs", id, "build.log");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(log) || new FileInfo(log).Length < bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the long log never reached {bytes} bytes");
            await Task.Delay(200);
        }
    }
}

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

    /// <summary>A build whose log is 33 MB: more than the kernel's socket buffers take for a reader that reads nothing.</summary>
    private const string HugeLogVersion = "9.9.8";

    /// <summary>Three client addresses: 48 readers within the per-client cap of 16.</summary>
    private static readonly string[] ReaderAddresses = ["127.0.0.1", "127.0.0.2", "127.0.0.4"];

    [Fact]
    public Task Slow_readers_of_a_long_log_hold_bounded_memory() => PhaseAsync(async (server, upload) =>
    {
        // each stalled stream holds what it read last: 64 KiB of log and its text (1 MiB and its text before the bound);
        // the log outgrows the socket buffers so that every reader stalls
        var id = await server.CreateAsync(Requests.Upload(upload, HugeLogVersion));
        await WaitForLogBytesAsync(server, id, 33_000_000);
        var before = server.ResidentBytes();
        var clients = ReaderAddresses.Select(address => LoopbackClient.From(address, server)).ToList();
        var readers = new List<HttpResponseMessage>();
        try
        {
            for (var index = 0; index < 48; index++)
            {
                readers.Add(await clients[index / 16].OpenLogAsync(id)); // headers read, the body never: slow readers
            }

            await Task.Delay(5000);
            var growth = server.ResidentBytes() - before;
            Assert.All(readers, reader => Assert.Equal(HttpStatusCode.OK, reader.StatusCode));
            // measured: 314 MiB with 1 MiB reads (the bound reverted), 124 MiB at most with 64 KiB ones (GC garbage included)
            Assert.True(growth < 200L << 20, $"48 slow readers of a 33 MB log grew the server by {growth >> 20} MiB");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }

        return readers;
    });

    [Fact]
    public Task Many_idle_streams_are_refused_past_the_caps() => PhaseAsync(async (server, upload) =>
    {
        var id = await server.CreateAsync(Requests.Upload(upload, LongLogVersion));
        await server.WaitForAsync(id, "running");
        using var client = LoopbackClient.From("127.0.0.1", server);
        // past 16 streams a request gets 429, or, past 64 connections from one address, its connection is closed unanswered
        var opened = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            try
            {
                return await client.OpenLogAsync(id);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }));
        Assert.Equal(16, opened.Count(response => response?.StatusCode == HttpStatusCode.OK));
        Assert.Equal(184, opened.Count(response => response is null || response.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Contains(opened, response => response?.StatusCode == HttpStatusCode.TooManyRequests);
        return [.. opened.OfType<HttpResponseMessage>()];
    });

    [Fact]
    public Task Alias_bombs_and_deep_yaml_are_refused_quickly() => PhaseAsync(async (server, upload) =>
    {
        var sent = new List<HttpResponseMessage>();
        foreach (var cloudConfig in new[] { YamlAbuse.AliasBomb(), YamlAbuse.DeeplyNested(30_000), YamlAbuse.AliasBomb().Replace("*i", "*h", StringComparison.Ordinal) })
        {
            var response = await server.Client.PostAsJsonAsync("/api/v1/builds", Requests.Upload(upload) with { CloudConfig = cloudConfig }, FactoryHost.Json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            sent.Add(response);
        }

        // a build left running for the kill
        await server.WaitForAsync(await server.CreateAsync(Requests.Upload(upload, LongLogVersion)), "running");
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
        await server.WaitForAsync(await server.CreateAsync(Requests.Upload(upload, LongLogVersion)), "running");
        return responses;
    });

    /// <summary>Server A: the abuse, /healthz and a normal build during it, kill -9 during it; server B on the same data dir: /healthz and a normal build.</summary>
    private static async Task PhaseAsync(Func<FactoryServer, string, Task<List<HttpResponseMessage>>> abuse)
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-abuse-").FullName;
        string[] flags = ["--builder", "fixture", "--workers", "2", "--kairos-stages", FactoryHost.Fixture("stages-abuse.sh")];
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!File.Exists(log) || new FileInfo(log).Length < bytes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the long log never reached {bytes} bytes");
            await Task.Delay(200);
        }
    }
}

using System.Net;
using System.Net.WebSockets;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 3: log streams are capped per client and in all (429 with Retry-After), close when idle, a WebSocket
/// from another site's page is refused, and a Host that is not this server (DNS rebinding) gets 421.
/// </summary>
public sealed class LogStreamLimitTests
{
    [Fact]
    public async Task Log_streams_are_capped_per_client_with_429_and_Retry_After_and_a_closed_one_frees_its_place()
    {
        using var dataDirRoot = new TempRoot("kf-streams-");
        var dataDir = dataDirRoot.Path;
        // the default: 16 streams per client
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags("stages-hang.sh"));
        var id = await StartHangingBuildAsync(server);
        using var client = LoopbackClient.From("127.0.0.1", server);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var index = 0; index < 16; index++)
            {
                open.Add(await client.OpenLogAsync(id));
            }

            Assert.All(open, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            using (var seventeenth = await client.OpenLogAsync(id))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, seventeenth.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(10), seventeenth.Headers.RetryAfter?.Delta);
            }

            open[0].Dispose();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                var again = await client.OpenLogAsync(id);
                if (again.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    break;
                }

                again.Dispose();
                Assert.True(DateTime.UtcNow < deadline, "a closed stream never freed its place");
                await Task.Delay(200);
            }
        }
        finally
        {
            open.ForEach(response => response.Dispose());
        }

        await CancelAsync(server, id);
    }

    [Fact]
    public async Task Log_streams_are_capped_over_all_clients()
    {
        using var dataDirRoot = new TempRoot("kf-streams-");
        var dataDir = dataDirRoot.Path;
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags("stages-hang.sh", "--max-log-followers", "20"));
        var id = await StartHangingBuildAsync(server);
        using var one = LoopbackClient.From("127.0.0.1", server);
        using var two = LoopbackClient.From("127.0.0.2", server);
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var index = 0; index < 20; index++)
            {
                open.Add(await (index < 16 ? one : two).OpenLogAsync(id));
            }

            Assert.All(open, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            using var twentyFirst = await two.OpenLogAsync(id);
            Assert.Equal(HttpStatusCode.TooManyRequests, twentyFirst.StatusCode);
        }
        finally
        {
            open.ForEach(response => response.Dispose());
        }

        await CancelAsync(server, id);
    }

    private static async Task<string> StartHangingBuildAsync(FactoryServer server)
    {
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        server.Authorize();
        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()));
        await server.WaitForAsync(id, "running");
        return id;
    }

    private static async Task CancelAsync(FactoryServer server, string id)
    {
        (await server.Client.PostAsync($"/api/v1/builds/{id}/cancel", null)).EnsureSuccessStatusCode();
        await server.WaitForAsync(id, "cancelled");
    }

    [Fact]
    public async Task A_log_stream_idle_for_the_timeout_is_closed()
    {
        using var dataDirRoot = new TempRoot("kf-streams-");
        var dataDir = dataDirRoot.Path;
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags("stages-hang.sh", "--log-idle-seconds", "2"));
        var id = await StartHangingBuildAsync(server);

        using var response = await server.Client.OpenLogAsync(id);
        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var body = await response.Content.ReadAsStringAsync(reading.Token);

        Assert.Contains("fixture kairos-stages is running", body, StringComparison.Ordinal);
        Assert.DoesNotContain("event: end", body, StringComparison.Ordinal);
        Assert.Equal("running", (await server.WaitForAsync(id, "running")).Status);
        await CancelAsync(server, id);
    }

    [Fact]
    public async Task A_WebSocket_from_another_sites_page_gets_403_and_a_Host_that_is_not_the_server_gets_421()
    {
        using var dataDirRoot = new TempRoot("kf-origin-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());
        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()));
        await server.WaitForAsync(id, "succeeded");
        var url = new Uri($"ws://127.0.0.1:{server.Port}/api/v1/builds/{id}/logs");

        using (var evil = new ClientWebSocket())
        {
            evil.Options.SetRequestHeader("Origin", "http://evil.example");
            evil.Options.SetRequestHeader("Authorization", server.Client.DefaultRequestHeaders.Authorization!.ToString());
            var refused = await Assert.ThrowsAnyAsync<WebSocketException>(() => evil.ConnectAsync(url, CancellationToken.None));
            Assert.Contains("403", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        }

        foreach (var origin in new[] { $"http://127.0.0.1:{server.Port}", null })
        {
            using var same = new ClientWebSocket();
            same.Options.SetRequestHeader("Authorization", server.Client.DefaultRequestHeaders.Authorization!.ToString());
            if (origin is not null)
            {
                same.Options.SetRequestHeader("Origin", origin);
            }

            await same.ConnectAsync(url, CancellationToken.None);
            Assert.Equal(WebSocketState.Open, same.State);
        }

        foreach (var (host, expected) in new[]
        {
            ("evil.example", 421), ($"evil.example:{server.Port}", 421), ($"127.0.0.2:{server.Port}", 421), ("127.0.0.1:1", 421),
            ($"127.0.0.1:{server.Port}", 200), ($"localhost:{server.Port}", 200),
        })
        {
            var status = await RawHttp.StatusAsync(server.Port, $"GET /api/v1/builds HTTP/1.1\nHost: {host}\nAuthorization: {server.Client.DefaultRequestHeaders.Authorization}\nConnection: close\n");
            Assert.True(expected == status, $"Host {host}: {status}, not {expected}");
        }
    }

    [Fact]
    public async Task The_public_url_is_accepted_as_Host_and_as_a_WebSockets_Origin()
    {
        using var dataDirRoot = new TempRoot("kf-origin-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-ok.sh", "--public-url", "https://factory.example.org"));
        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()));
        await server.WaitForAsync(id, "succeeded");

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://factory.example.org");
        socket.Options.SetRequestHeader("Authorization", server.Client.DefaultRequestHeaders.Authorization!.ToString());
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/api/v1/builds/{id}/logs"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(200, await RawHttp.StatusAsync(server.Port, $"GET /api/v1/builds HTTP/1.1\nHost: factory.example.org\nAuthorization: {server.Client.DefaultRequestHeaders.Authorization}\nConnection: close\n"));
        Assert.Equal(421, await RawHttp.StatusAsync(server.Port, "GET /api/v1/builds HTTP/1.1\nHost: factory.example.org:8080\nConnection: close\n"));
    }
}

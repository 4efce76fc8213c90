using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Kairos.Stages.Tests.Downloads;

/// <summary>A raw HTTP/1.1 server on 127.0.0.1 with misbehaving routes: flaky, 500, missing, stalling, truncating, looping, /big/N (N zero bytes).</summary>
public sealed class TestHttpServer : IDisposable
{
    private readonly RawHttpServer _server;
    private readonly CancellationTokenSource _stop = new();

    public TestHttpServer() => _server = new RawHttpServer(ServeAsync);

    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public Uri Url(string path) => _server.Url(path);

    public void Dispose()
    {
        _stop.Cancel();
        _server.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(RawHttpRequest request, NetworkStream stream, CancellationToken cancel)
    {
        var auth = request.Head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
        if (auth is not null)
        {
            Authorizations.Enqueue(auth);
        }

        var hit = Hits.AddOrUpdate(request.Target, 1, (_, n) => n + 1);
        await RespondAsync(stream, request.Target, hit);
    }

    private async Task RespondAsync(NetworkStream stream, string path, int hit)
    {
        switch (path)
        {
            case "/flaky/file.bin" when hit == 1:
                await WriteAsync(stream, "500 Internal Server Error", "boom");
                break;
            case "/missing":
                await WriteAsync(stream, "404 Not Found", "no");
                break;
            case "/500":
                await WriteAsync(stream, "500 Internal Server Error", "boom");
                break;
            case var big when big.StartsWith("/big/", StringComparison.Ordinal):
                await WriteZerosAsync(stream, long.Parse(big["/big/".Length..], System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "/always500":
                await WriteAsync(stream, "503 Service Unavailable", "later");
                break;
            case "/stall":
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                break;
            case "/truncate":
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789"), _stop.Token);
                break;
            case "/loop":
                await WriteAsync(stream, "302 Found", "", "Location: /loop\r\n");
                break;
            case "/redirect":
                await WriteAsync(stream, "302 Found", "", "Location: /ok/file.txt\r\n");
                break;
            default:
                await WriteAsync(stream, "200 OK", path.StartsWith("/flaky", StringComparison.Ordinal) ? "recovered" : "hello");
                break;
        }
    }

    private Task WriteAsync(NetworkStream stream, string status, string body, string extra = "") =>
        RawHttpServer.WriteAsync(stream, status, Encoding.UTF8.GetBytes(body), _stop.Token, extra);

    private async Task WriteZerosAsync(NetworkStream stream, long length)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"), _stop.Token);
        var chunk = new byte[65536];
        for (var left = length; left > 0; left -= chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)), _stop.Token);
        }
    }
}

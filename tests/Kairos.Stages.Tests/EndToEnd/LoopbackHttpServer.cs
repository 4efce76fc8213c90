using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Serves the files of one directory by name (no paths) to QEMU guests: user networking forwards the guest's 10.0.2.2
/// to the host's loopback, so requests arrive with <c>Host: 10.0.2.2:PORT</c>, which <see cref="StaticFileServer"/>'s
/// HttpListener refuses; <see cref="RawHttpServer"/> takes any Host. Counts requests.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly string _directory;
    private readonly RawHttpServer _server;

    public LoopbackHttpServer(string directory)
    {
        _directory = directory;
        _server = new RawHttpServer(RespondAsync);
    }

    public int Port => _server.Port;

    /// <summary>Requests per name, with the response status.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose() => _server.Dispose();

    private async Task RespondAsync(RawHttpRequest request, NetworkStream stream, CancellationToken cancel)
    {
        var name = Uri.UnescapeDataString(request.Target.TrimStart('/'));
        var file = Path.Combine(_directory, name);
        var ok = request.Method is "GET" or "HEAD" && name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && File.Exists(file);
        Requests.Enqueue($"{request.Method} {name} {(ok ? 200 : 404)}");
        if (!ok)
        {
            await RawHttpServer.WriteAsync(stream, "404 Not Found", [], cancel);
            return;
        }

        var length = new FileInfo(file).Length;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"), cancel);
        if (request.Method == "GET")
        {
            await using var data = File.OpenRead(file);
            await data.CopyToAsync(stream, cancel);
        }
    }
}

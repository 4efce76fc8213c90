using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// A plain HTTP/1.1 GET server on 127.0.0.1 for files of one directory, for QEMU guests: user networking
/// forwards the guest's 10.0.2.2 to the host's loopback, so requests arrive with <c>Host: 10.0.2.2:PORT</c>,
/// which <see cref="StaticFileServer"/>'s HttpListener refuses. Serves names only (no paths), counts requests.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _directory;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackHttpServer(string directory)
    {
        _directory = directory;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Requests per name, with the response status.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var request = await reader.ReadLineAsync(_stop.Token) ?? "";
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 })
                {
                }

                var parts = request.Split(' ');
                var name = parts.Length == 3 ? Uri.UnescapeDataString(parts[1].TrimStart('/')) : "";
                var file = Path.Combine(_directory, name);
                var ok = parts[0] is "GET" or "HEAD" && name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && File.Exists(file);
                Requests.Enqueue($"{parts[0]} {name} {(ok ? 200 : 404)}");
                if (!ok)
                {
                    await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                    return;
                }

                var length = new FileInfo(file).Length;
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"), _stop.Token);
                if (parts[0] == "GET")
                {
                    await using var data = File.OpenRead(file);
                    await data.CopyToAsync(stream, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // the guest went away
            }
        }
    }
}

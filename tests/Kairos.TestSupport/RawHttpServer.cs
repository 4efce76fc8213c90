using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kairos.TestSupport;

/// <summary>A request as <see cref="RawHttpServer"/> read it: the request line's method and target, and the whole head.</summary>
public sealed record RawHttpRequest(string Method, string Target, string Head);

/// <summary>
/// A plain HTTP/1.1 server on 127.0.0.1 (a free port) on a bare TcpListener, so any Host header is taken (a QEMU guest's
/// 10.0.2.2:PORT) and a handler may misbehave at will (stall, truncate, loop). One connection a request: the handler
/// writes the whole response, the connection then closes. A client that goes away is no error.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RawHttpRequest, NetworkStream, CancellationToken, Task> _respond;

    public RawHttpServer(Func<RawHttpRequest, NetworkStream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Writes a whole response with a Content-Length and <c>Connection: close</c>; <paramref name="extraHeaders"/> end in CRLF each.</summary>
    public static async Task WriteAsync(NetworkStream stream, string status, byte[] body, CancellationToken cancel, string extraHeaders = "")
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray(), cancel);
    }

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
                var head = await ReadHeadAsync(stream, _stop.Token);
                var parts = head.Split("\r\n")[0].Split(' ');
                await _respond(new RawHttpRequest(parts[0], parts.Length > 1 ? parts[1] : "", head), stream, _stop.Token);
            }
            catch (Exception)
            {
                // the client went away or gave up (timeouts are part of the tests), or the server stopped
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancel);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>A real HTTP server on 127.0.0.1 serving the files of one directory by name (an artifacts mirror), counting requests.</summary>
internal sealed class StaticFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _directory;

    public StaticFileServer(string directory)
    {
        _directory = directory;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/artifacts";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public string BaseUrl { get; }

    /// <summary>Requests per file name.</summary>
    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var name = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.Split('/')[^1]);
            Hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            var file = Path.Combine(_directory, name);
            if (name.Length == 0 || !context.Request.Url.AbsolutePath.StartsWith("/artifacts/", StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = 404;
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(file);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }
}

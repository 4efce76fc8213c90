using System.Net;
using System.Net.Sockets;

namespace Kairos.Factory.Tests.Support;

/// <summary>An HttpClient whose connections come from a given loopback address (127.0.0.2 is another client to the server).</summary>
internal static class LoopbackClient
{
    /// <summary>From <paramref name="sourceAddress"/> to <paramref name="server"/>, sending its client's token (reads need it), when it has one.</summary>
    public static HttpClient From(string sourceAddress, FactoryServer server) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{server.Port}"),
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = server.Client.DefaultRequestHeaders.Authorization },
    };

    /// <summary>Opens a log stream and returns the response with its headers read (the body left unread, as a slow reader does).</summary>
    public static async Task<HttpResponseMessage> OpenLogAsync(this HttpClient client, string id) =>
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/builds/{id}/logs"), HttpCompletionOption.ResponseHeadersRead);
}

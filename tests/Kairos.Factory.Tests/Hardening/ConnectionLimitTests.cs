using System.Net;
using System.Net.Sockets;
using System.Text;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 3 (connections): one client address holds at most 64 open connections (the default of
/// <c>--max-connections-per-client</c>); the next one from it is closed unanswered, another address is served, and a
/// closed connection frees its place.
/// </summary>
public sealed class ConnectionLimitTests
{
    private const int Cap = 64;

    [Fact]
    public async Task A_client_past_its_connection_cap_is_closed_unanswered_while_others_are_served_and_a_closed_one_frees_a_place()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-conns-").FullName;
        var held = new List<Socket>();
        try
        {
            using var server = new FactoryServer(dataDir, ServerBuilds.Flags());
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));

            // 64 keep-alive connections from 127.0.0.3, each answered once (so each is accepted and counted)
            for (var index = 0; index < Cap; index++)
            {
                var socket = await ConnectAsync(server.Port);
                held.Add(socket);
                Assert.Equal(200, await HealthAsync(socket, server.Port));
            }

            Assert.Equal(-1, await ConnectAndHealthAsync(server.Port)); // closed without a byte of answer

            // another client address (127.0.0.1) is not affected
            using (var other = await server.Client.GetAsync("/api/v1/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            }

            // closing some frees their places
            foreach (var socket in held.Take(8))
            {
                socket.Dispose();
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                if (await ConnectAndHealthAsync(server.Port) == 200)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "no new connection from 127.0.0.3 was served 10 s after 8 of its 64 closed");
                await Task.Delay(200);
            }
        }
        finally
        {
            held.ForEach(socket => socket.Dispose());
            ServerBuilds.RemoveDataDir(dataDir);
        }
    }

    /// <summary>
    /// A new connection's GET /api/v1/healthz: the status, or -1 when the server closed it unanswered, which under load
    /// can come as a reset before the connect itself has returned.
    /// </summary>
    private static async Task<int> ConnectAndHealthAsync(int port)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(port);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return -1;
        }

        using (socket)
        {
            return await HealthAsync(socket, port);
        }
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>GET /api/v1/healthz on the connection, left open; the status, or -1 when the server closed it unanswered.</summary>
    private static async Task<int> HealthAsync(Socket socket, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"), timeout.Token);
            var received = new StringBuilder();
            var buffer = new byte[4096];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return -1;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (received.Length >= 12)
                {
                    // the status line is enough: each connection sends one request and then stays open, unread
                    return int.Parse(received.ToString().AsSpan(9, 3), provider: null);
                }
            }
        }
        catch (SocketException)
        {
            return -1; // reset
        }
    }
}

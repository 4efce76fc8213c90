using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Kairos.Factory.Hosting;

/// <summary>
/// Kestrel connection middleware: at most <see cref="FactoryOptions.MaxConnectionsPerClient"/> open TCP connections from
/// one client address, so one client holding idle connections cannot take every place under Kestrel's global limit.
/// A connection past the cap is closed before any byte of it is read (before TLS too).
/// </summary>
public sealed class ClientConnections(FactoryOptions options)
{
    private readonly Dictionary<IPAddress, int> _open = [];

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var remote })
        {
            await next(connection);
            return;
        }

        var client = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        if (!TryEnter(client))
        {
            connection.Abort(new ConnectionAbortedException($"more than {options.MaxConnectionsPerClient} connections from {client}"));
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(client);
        }
    }

    private bool TryEnter(IPAddress client)
    {
        lock (_open)
        {
            var count = _open.GetValueOrDefault(client);
            if (count >= options.MaxConnectionsPerClient)
            {
                return false;
            }

            _open[client] = count + 1;
            return true;
        }
    }

    private void Leave(IPAddress client)
    {
        lock (_open)
        {
            if (--_open[client] == 0)
            {
                _open.Remove(client);
            }
        }
    }
}

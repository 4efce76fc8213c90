using System.Collections.Concurrent;
using System.Net;

namespace Kairos.Factory.Jobs;

/// <summary>Counts open log streams, over all clients and per client address, so neither memory nor file descriptors run out.</summary>
public sealed class LogFollowers(FactoryOptions options)
{
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>A lease to dispose when the stream ends; null when a limit is reached.</summary>
    public IDisposable? TryEnter(IPAddress? client)
    {
        client ??= IPAddress.None;
        if (Interlocked.Increment(ref _total) > options.MaxLogFollowers)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }

        if (_perClient.AddOrUpdate(client, 1, (_, count) => count + 1) > options.MaxLogFollowersPerClient)
        {
            Leave(client);
            return null;
        }

        return new Lease(this, client);
    }

    private void Leave(IPAddress client)
    {
        Interlocked.Decrement(ref _total);
        _perClient.AddOrUpdate(client, 0, (_, count) => count - 1);
        _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, 0));
    }

    private sealed class Lease(LogFollowers owner, IPAddress client) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(client);
            }
        }
    }
}

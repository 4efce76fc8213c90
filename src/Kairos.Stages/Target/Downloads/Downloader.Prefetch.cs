using System.Collections.Concurrent;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Target.Downloads;

/// <summary>Prefetch: downloads started ahead of the steps that need them, keyed by URL and expected digest.</summary>
public sealed partial class Downloader
{
    private readonly ConcurrentDictionary<(string Url, string? Sha256), Task<string>> _prefetched = new();
    private readonly CancellationTokenSource _prefetchCancel = new();
    private string? _prefetchDirectory;
    private SemaphoreSlim? _prefetchThrottle;

    /// <summary>
    /// Starts fetching <paramref name="items"/> in the background, at most <paramref name="parallelism"/> at a time,
    /// into a private directory; a later <see cref="DownloadToFileAsync(Uri, string, string?, TimeSpan?, CancellationToken)"/> of the same URL and digest waits for that
    /// transfer instead of starting its own (and sees its error, if it failed). Offline mode does nothing.
    /// Returns how many distinct downloads were started.
    /// </summary>
    public int Prefetch(IEnumerable<(Uri Url, string? Sha256)> items, int parallelism = 4) =>
        Prefetch(items.Select(i => (i.Url, i.Sha256, (TimeSpan?)null)), parallelism);

    /// <summary>As <see cref="Prefetch(IEnumerable{ValueTuple{Uri, string}}, int)"/>, each with its own transfer timeout (null: the default).</summary>
    public int Prefetch(IEnumerable<(Uri Url, string? Sha256, TimeSpan? Timeout)> items, int parallelism = 4)
    {
        if (_options.OfflineDirectory is not null)
        {
            return 0;
        }

        _prefetchDirectory ??= Directory.CreateTempSubdirectory("kairos-stages-prefetch-").FullName;
        var throttle = _prefetchThrottle ??= new SemaphoreSlim(Math.Max(1, parallelism));
        var started = 0;
        foreach (var (url, sha256, timeout) in items)
        {
            var key = (url.AbsoluteUri, string.IsNullOrEmpty(sha256) ? null : sha256.ToLowerInvariant());
            if (_prefetched.ContainsKey(key))
            {
                continue;
            }

            var file = Path.Combine(_prefetchDirectory, $"{started}-{UrlRedactor.FileName(url) ?? "download"}");
            _prefetched[key] = Task.Run(
                async () =>
                {
                    await throttle.WaitAsync(_prefetchCancel.Token);
                    try
                    {
                        _log.Debug("prefetching {Url}", UrlRedactor.Redact(url));
                        await FetchVerifiedAsync(url, file, key.Item2, timeout ?? _options.Timeout, _prefetchCancel.Token);
                        return file;
                    }
                    finally
                    {
                        throttle.Release();
                    }
                },
                _prefetchCancel.Token);
            started++;
        }

        return started;
    }


    /// <summary>Fetches into <paramref name="destination"/> through the temp-file-then-rename path, checking the digest.</summary>
    private async Task<(string Sha256, string Source)> FetchVerifiedAsync(Uri url, string destination, string? expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var temp = destination + ".part";
        try
        {
            var (actual, source) = await FetchAsync(url, temp, expected, timeout, cancellationToken, usePrefetch: false);
            if (expected is not null && actual != expected)
            {
                throw new DownloadException($"sha256 mismatch for {UrlRedactor.Redact(url)}: expected {expected}, got {actual}");
            }

            File.Move(temp, destination, overwrite: true);
            return (actual, source);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private void DisposePrefetch()
    {
        _prefetchCancel.Cancel();
        try
        {
            Task.WaitAll([.. _prefetched.Values], TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // failed or cancelled prefetches were reported to the steps that needed them, if any
        }

        if (_prefetchDirectory is not null && Directory.Exists(_prefetchDirectory))
        {
            Directory.Delete(_prefetchDirectory, recursive: true);
        }

        _prefetchCancel.Dispose();
        _prefetchThrottle?.Dispose();
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Target.Secrets;
using Serilog;

namespace Kairos.Stages.Target.Downloads;

/// <summary>The one HTTP download client: retries with back-off, timeouts, redirect limit, sha256 check, cache and offline mode.</summary>
public sealed partial class Downloader : IDisposable
{
    private readonly HttpClient _client;
    private readonly DownloadOptions _options;

    private readonly ILogger _log;

    public Downloader(DownloadOptions? options = null, ILogger? log = null)
    {
        _options = options ?? new DownloadOptions();
        _log = log ?? Serilog.Core.Logger.None;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("kairos-stages");
    }

    public DownloadOptions Options => _options;

    /// <summary>
    /// Fetches <paramref name="url"/> into <paramref name="destination"/> (a host path). The bytes go to a
    /// temp file beside it and are moved into place only when complete and (when given) matching
    /// <paramref name="sha256"/>; on any failure no file is left.
    /// </summary>
    public Task<DownloadResult> DownloadToFileAsync(Uri url, string destination, string? sha256 = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        DownloadToFileAsync(url, destination, sha256, timeout, onBytes: null, cancellationToken);

    /// <summary>As the other overload; <paramref name="onBytes"/> hears the bytes received so far and the length the server announced while a transfer runs.</summary>
    public async Task<DownloadResult> DownloadToFileAsync(
        Uri url, string destination, string? sha256, TimeSpan? timeout, Action<long, long?>? onBytes, CancellationToken cancellationToken)
    {
        var expected = string.IsNullOrEmpty(sha256) ? null : sha256.ToLowerInvariant();
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination)) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DownloadException($"cannot download {UrlRedactor.Redact(url)}: the directory {directory} does not exist");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(destination)}.part-{Guid.NewGuid():N}");
        try
        {
            var (actual, source) = await FetchAsync(url, temp, expected, timeout ?? _options.Timeout, cancellationToken, onBytes: onBytes);
            if (expected is not null && actual != expected)
            {
                throw new DownloadException($"sha256 mismatch for {UrlRedactor.Redact(url)}: expected {expected}, got {actual}");
            }

            File.Move(temp, destination, overwrite: true);
            if (source is "network" or "prefetch" && _options.CacheDirectory is { } cache)
            {
                DownloadFiles.Store(destination, Path.Combine(cache, actual));
            }

            return new DownloadResult(destination, actual, source);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Fetches a small text resource (SSH keys) with the same retries; offline mode refuses.</summary>
    public async Task<string> GetStringAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"kairos-stages-{Guid.NewGuid():N}");
        try
        {
            await DownloadToFileAsync(url, temp, null, null, cancellationToken);
            return await File.ReadAllTextAsync(temp, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Dispose()
    {
        DisposePrefetch();
        _client.Dispose();
    }

    private async Task<(string Sha256, string Source)> FetchAsync(
        Uri url, string temp, string? expected, TimeSpan timeout, CancellationToken cancellationToken, bool usePrefetch = true, Action<long, long?>? onBytes = null)
    {
        if (usePrefetch && _prefetched.TryGetValue((url.AbsoluteUri, expected), out var prefetch))
        {
            string file;
            try
            {
                file = await prefetch.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DownloadException($"cannot download {UrlRedactor.Redact(url)}: the prefetch was cancelled");
            }

            File.Copy(file, temp, overwrite: true);
            return (await DownloadFiles.HashAsync(temp, cancellationToken), "prefetch");
        }

        if (expected is not null && _options.CacheDirectory is { } cache && File.Exists(Path.Combine(cache, expected)))
        {
            File.Copy(Path.Combine(cache, expected), temp, overwrite: true);
            return (await DownloadFiles.HashAsync(temp, cancellationToken), "cache");
        }

        if (_options.OfflineDirectory is { } offline)
        {
            var name = UrlRedactor.FileName(url);
            var candidates = new[] { name, expected }.OfType<string>().Select(n => Path.Combine(offline, n));
            var found = candidates.FirstOrDefault(File.Exists)
                ?? throw new DownloadException($"offline mode: {UrlRedactor.Redact(url)} is not in {offline}; fetch it and save it as {Path.Combine(offline, name ?? expected ?? "<sha256>")}");
            File.Copy(found, temp, overwrite: true);
            return (await DownloadFiles.HashAsync(temp, cancellationToken), "offline");
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await TryOnceAsync(url, temp, timeout, onBytes, cancellationToken), "network");
            }
            catch (RetryableException error) when (attempt < _options.Retries)
            {
                _log.Warning("download of {Url} failed ({Reason}); retry {Attempt} of {Retries}", UrlRedactor.Redact(url), error.Message, attempt + 1, _options.Retries);
                await Task.Delay(_options.InitialBackoff * Math.Pow(2, attempt), cancellationToken);
            }
            catch (RetryableException error)
            {
                throw new DownloadException($"cannot download {UrlRedactor.Redact(url)} after {attempt + 1} attempts: {error.Message}");
            }
        }
    }

    private async Task<string> TryOnceAsync(Uri url, string temp, TimeSpan timeout, Action<long, long?>? onBytes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = DownloadFiles.Request(url);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw new DownloadException($"cannot download {UrlRedactor.Redact(url)}: more than {_options.MaxRedirects} redirects");
            }

            if (status >= 500)
            {
                throw new RetryableException($"server answered {status} {response.ReasonPhrase}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadException($"cannot download {UrlRedactor.Redact(url)}: server answered {status} {response.ReasonPhrase}");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write))
            await using (var body = await response.Content.ReadAsStreamAsync(deadline.Token))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                try
                {
                    while ((read = await body.ReadAsync(buffer, deadline.Token)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), deadline.Token);
                        total += read;
                        onBytes?.Invoke(total, response.Content.Headers.ContentLength);
                    }
                }
                catch (Exception error) when (error is IOException or HttpRequestException)
                {
                    throw new RetryableException($"truncated body: the connection broke after {total} bytes ({error.Message})");
                }

                if (response.Content.Headers.ContentLength is { } length && total != length)
                {
                    throw new RetryableException($"truncated body: {total} of {length} bytes");
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryableException($"timed out after {timeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException error)
        {
            throw new RetryableException(error.Message);
        }
        catch (IOException error)
        {
            throw new RetryableException(error.Message);
        }
    }

}

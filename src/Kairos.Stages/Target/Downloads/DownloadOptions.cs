namespace Kairos.Stages.Target.Downloads;

/// <summary>How the download client behaves: retries, timeouts, redirects, cache and offline mode.</summary>
public sealed record DownloadOptions
{
    /// <summary>Extra attempts after the first on 5xx, timeouts and connection errors (never on 4xx).</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Delay before the first retry; doubled for each further retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-request timeout (the whole transfer), used when a download gives none.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxRedirects { get; init; } = 10;

    /// <summary>Directory of files named by their sha256; consulted before the network when a checksum is known.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Offline mode: files are taken from this directory (by URL file name, or by sha256) and never fetched.</summary>
    public string? OfflineDirectory { get; init; }
}

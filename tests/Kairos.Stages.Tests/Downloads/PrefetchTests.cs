using System.Security.Cryptography;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Tests.Downloads;

public sealed class PrefetchTests : IDisposable
{
    private static readonly string HelloSha = Convert.ToHexStringLower(SHA256.HashData("hello"u8));
    private readonly TestHttpServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ks-prefetch-").FullName;

    private static DownloadOptions Fast => new() { Retries = 1, InitialBackoff = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_prefetched_url_is_served_from_the_prefetch_without_a_second_request()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var urls = new[] { _server.Url("/ok/a.bin"), _server.Url("/ok/b.bin"), _server.Url("/ok/c.bin") };

        // act
        var started = downloader.Prefetch(urls.Select(u => (u, (string?)HelloSha)).Append((urls[0], HelloSha)));
        var results = new List<DownloadResult>();
        foreach (var url in urls)
        {
            results.Add(await downloader.DownloadToFileAsync(url, Path.Combine(_dir, url.Segments[^1]), HelloSha, cancellationToken: TestContext.Current.CancellationToken));
        }

        // assert
        Assert.Equal(3, started);
        Assert.All(results, r => Assert.Equal(("prefetch", HelloSha), (r.Source, r.Sha256)));
        Assert.All(urls, u => Assert.Equal(1, _server.Hits[u.AbsolutePath]));
        Assert.All(urls, u => Assert.Equal("hello", File.ReadAllText(Path.Combine(_dir, u.Segments[^1]))));
    }

    [Fact]
    public async Task A_failed_prefetch_fails_the_download_that_needs_it_with_the_server_answer()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var url = _server.Url("/missing");
        downloader.Prefetch([(url, null)]);
        var target = Path.Combine(_dir, "missing");

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() => downloader.DownloadToFileAsync(url, target, cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Hits["/missing"]);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task A_different_expected_digest_is_not_answered_by_the_prefetch()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var url = _server.Url("/ok/d.bin");
        downloader.Prefetch([(url, HelloSha)]);

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() => downloader.DownloadToFileAsync(url, Path.Combine(_dir, "d"), new string('0', 64), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains("sha256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Offline_mode_prefetches_nothing()
    {
        // arrange
        using var downloader = new Downloader(Fast with { OfflineDirectory = _dir });

        // act
        var started = downloader.Prefetch([(_server.Url("/ok/e.bin"), null)]);

        // assert
        Assert.Equal(0, started);
        Assert.False(_server.Hits.ContainsKey("/ok/e.bin"));
    }
}

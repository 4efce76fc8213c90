using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Tests.Downloads;

public sealed class DownloaderTests : IDisposable
{
    private static readonly string HelloSha = Convert.ToHexStringLower(SHA256.HashData("hello"u8));
    private readonly TestHttpServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ks-dl-").FullName;

    private static DownloadOptions Fast => new() { Retries = 2, InitialBackoff = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(5), MaxRedirects = 3 };

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Downloads_a_file_and_reports_its_sha256()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var target = Path.Combine(_dir, "f");

        // act
        var result = await downloader.DownloadToFileAsync(_server.Url("/ok/file.txt"), target, HelloSha, cancellationToken: TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("hello", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal(HelloSha, result.Sha256);
        Assert.Equal("network", result.Source);
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Retries_a_server_error_then_succeeds()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var target = Path.Combine(_dir, "f");

        // act
        await downloader.DownloadToFileAsync(_server.Url("/flaky/file.bin"), target, cancellationToken: TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("recovered", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal(2, _server.Hits["/flaky/file.bin"]);
    }

    [Theory]
    [InlineData("/missing", "404", 1)]
    [InlineData("/always500", "after 3 attempts", 3)]
    [InlineData("/truncate", "truncated", 3)]
    [InlineData("/loop", "redirects", 1)]
    public async Task Failures_leave_no_file(string path, string message, int attempts)
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var target = Path.Combine(_dir, "f");

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(_server.Url(path), target, cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains(message, error.Message);
        Assert.Empty(Directory.GetFiles(_dir));
        if (path != "/loop")
        {
            Assert.Equal(attempts, _server.Hits[path]);
        }
    }

    [Fact]
    public async Task A_stalled_server_times_out_and_leaves_no_file()
    {
        // arrange
        using var downloader = new Downloader(Fast with { Retries = 1 });
        var target = Path.Combine(_dir, "f");

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(_server.Url("/stall"), target, timeout: TimeSpan.FromMilliseconds(300), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains("timed out", error.Message);
        Assert.Equal(2, _server.Hits["/stall"]);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task A_wrong_sha256_leaves_no_file()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var target = Path.Combine(_dir, "f");

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(_server.Url("/ok/file.txt"), target, new string('0', 64), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains("sha256 mismatch", error.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task A_missing_destination_directory_fails_without_touching_the_network()
    {
        // arrange
        using var downloader = new Downloader(Fast);

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(_server.Url("/ok/file.txt"), Path.Combine(_dir, "nope", "f"), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Contains("does not exist", error.Message);
        Assert.False(_server.Hits.ContainsKey("/ok/file.txt"));
    }

    [Fact]
    public async Task Follows_a_redirect()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var target = Path.Combine(_dir, "f");

        // act
        await downloader.DownloadToFileAsync(_server.Url("/redirect"), target, cancellationToken: TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("hello", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_cache_answers_a_known_checksum_without_the_network()
    {
        // arrange
        var cache = Path.Combine(_dir, "cache");
        using var downloader = new Downloader(Fast with { CacheDirectory = cache });
        await downloader.DownloadToFileAsync(_server.Url("/ok/file.txt"), Path.Combine(_dir, "first"), HelloSha, cancellationToken: TestContext.Current.CancellationToken);

        // act
        var second = await downloader.DownloadToFileAsync(_server.Url("/ok/file.txt"), Path.Combine(_dir, "second"), HelloSha, cancellationToken: TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("cache", second.Source);
        Assert.Equal(1, _server.Hits["/ok/file.txt"]);
        Assert.True(File.Exists(Path.Combine(cache, HelloSha)));
    }

    [Fact]
    public async Task Offline_mode_reads_the_artifacts_directory_and_names_what_is_missing()
    {
        // arrange
        var artifacts = Directory.CreateDirectory(Path.Combine(_dir, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "file.txt"), "hello", TestContext.Current.CancellationToken);
        using var downloader = new Downloader(Fast with { OfflineDirectory = artifacts });

        // act
        var found = await downloader.DownloadToFileAsync(new Uri("https://example.invalid/x/file.txt"), Path.Combine(_dir, "f"), HelloSha, cancellationToken: TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(new Uri("https://example.invalid/k3s-arm64"), Path.Combine(_dir, "g"), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.Equal("offline", found.Source);
        Assert.Contains($"save it as {Path.Combine(artifacts, "k3s-arm64")}", error.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "g")));
    }

    [Fact]
    public async Task Credentials_go_in_a_header_and_never_in_messages()
    {
        // arrange
        using var downloader = new Downloader(Fast);
        var url = new Uri(_server.Url("/missing").ToString().Replace("http://", "http://user:s3cret@", StringComparison.Ordinal));

        // act
        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            downloader.DownloadToFileAsync(url, Path.Combine(_dir, "f"), cancellationToken: TestContext.Current.CancellationToken));

        // assert
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.Contains("user:***@", error.Message);
        Assert.Equal("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:s3cret")), Assert.Single(_server.Authorizations));
    }
}

using System.Security.Cryptography;
using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Downloads;

public sealed class DownloadsActionTests : IDisposable
{
    private readonly TestHttpServer _server = new();
    private readonly Downloader _downloader = new(new DownloadOptions { Retries = 1, InitialBackoff = TimeSpan.FromMilliseconds(10) });

    public void Dispose()
    {
        _server.Dispose();
        _downloader.Dispose();
    }

    [Fact]
    public async Task Downloads_to_a_file_path_with_mode_owner_and_recorded_sha256()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Downloads = [new Download { Url = _server.Url("/ok/file.txt").ToString(), Path = "/opt/bin/tool", Permissions = 0x1ED, Owner = 3, Group = 4 }] };

        // act
        var outcome = await new DownloadsAction(_downloader).RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded, string.Join(';', outcome.Failures.Select(f => f.Message)));
        Assert.Equal("hello", root.Read("/opt/bin/tool"));
        Assert.Equal("0755", root.Mode("/opt/bin/tool"));
        Assert.Equal((3, 4), FileStatProbe.Owner(root.HostPath("/opt/bin/tool")));
        var record = Assert.Single(outcome.Downloads);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("hello"u8)), record.Sha256);
        Assert.Equal("/opt/bin/tool", record.Path);
    }

    [Theory]
    [InlineData("/tmp/test/")]
    [InlineData("/tmp/test")]
    public async Task A_directory_destination_takes_the_name_from_the_url_and_mode_defaults_to_0000(string path)
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/tmp/test");
        var step = new Step { Downloads = [new Download { Url = _server.Url("/files/unittest.txt").ToString(), Path = path }] };

        // act
        await new DownloadsAction(_downloader).RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("hello", root.Read("/tmp/test/unittest.txt"));
        Assert.Equal("00", root.Mode("/tmp/test/unittest.txt"));
    }

    [Fact]
    public async Task A_checksum_mismatch_fails_and_leaves_no_file()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Downloads = [new Download { Url = _server.Url("/ok/file.txt").ToString(), Path = "/f", Sha256 = new string('a', 64), Location = SourceSpan.None("s.yaml") }] };

        // act
        var outcome = await new DownloadsAction(_downloader).RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("sha256 mismatch", outcome.Failures.Single().Message);
        Assert.False(root.Exists("/f"));
        Assert.Empty(Directory.GetFiles(root.Path));
    }

    [Fact]
    public async Task Failure_messages_redact_url_credentials()
    {
        // arrange
        using var root = new TempRoot();
        var url = _server.Url("/missing").ToString().Replace("http://", "http://me:topsecret@", StringComparison.Ordinal);
        var step = new Step { Downloads = [new Download { Url = url, Path = "/f" }] };

        // act
        var outcome = await new DownloadsAction(_downloader).RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        var message = outcome.Failures.Single().Message;
        Assert.DoesNotContain("topsecret", message);
        Assert.Contains("me:***@", message);
    }

    [Fact]
    public async Task Authorized_keys_appends_literal_and_fetched_keys_once()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").Mkdir("/root", (UnixFileMode)0x1C0);
        var keys = new AuthorizedKeys("root", ["ssh-ed25519 AAAA first", _server.Url("/keys/me").ToString(), "ssh-ed25519 AAAA first"], SourceSpan.None("t"));
        var step = new Step { AuthorizedKeys = [keys] };
        var context = Contexts.For(new ScriptedTarget(root));

        // act
        await new AuthorizedKeysAction(_downloader).RunAsync(step, context, TestContext.Current.CancellationToken);
        var outcome = await new AuthorizedKeysAction(_downloader).RunAsync(step, context, TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("ssh-ed25519 AAAA first\nhello\n", root.Read("/root/.ssh/authorized_keys"));
        Assert.Equal("0700", root.Mode("/root/.ssh"));
    }

    [Fact]
    public async Task Authorized_keys_for_an_unknown_user_or_an_unreachable_source_fail_clearly()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").Mkdir("/root");
        var step = new Step
        {
            AuthorizedKeys =
            [
                new AuthorizedKeys("ghost", ["ssh-rsa X"], SourceSpan.None("t")),
                new AuthorizedKeys("root", [_server.Url("/missing").ToString()], SourceSpan.None("t")),
            ],
        };

        // act
        var outcome = await new AuthorizedKeysAction(_downloader).RunAsync(step, Contexts.For(new ScriptedTarget(root), failFast: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(2, outcome.Failures.Count);
        Assert.Contains("user 'ghost' is not in the target's /etc/passwd", outcome.Failures[0].Message);
        Assert.Contains("cannot fetch SSH keys for 'root'", outcome.Failures[1].Message);
    }

    [Theory]
    [InlineData("github:mudler", "https://github.com/mudler.keys")]
    [InlineData("gitlab:someone", "https://gitlab.com/someone.keys")]
    [InlineData("https://example.com/k", "https://example.com/k")]
    [InlineData("ssh-ed25519 AAAA x", null)]
    public void Key_sources_follow_yips_rules(string key, string? url)
    {
        // act + assert
        Assert.Equal(url, SshKeyWriterProbe.SourceOf(key));
    }
}

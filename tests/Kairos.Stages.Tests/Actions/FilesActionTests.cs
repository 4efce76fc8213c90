using System.IO.Compression;
using System.Text;
using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class FilesActionTests
{
    [Fact]
    public async Task Writes_content_with_exact_mode_and_creates_parents_with_owner_exec()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Files = [new FileEntry { Path = "/tmp/dir/test", Content = "Test", Permissions = 0x1A0 }] };

        // act
        var outcome = await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("Test", root.Read("/tmp/dir/test"));
        Assert.Equal("0640", root.Mode("/tmp/dir/test"));
        Assert.Equal("0740", root.Mode("/tmp/dir"));
        Assert.Equal("0740", root.Mode("/tmp"));
    }

    [Fact]
    public async Task Missing_permissions_give_mode_0000_and_parent_0100()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Files = [new FileEntry { Path = "/run/x/.sentinel", Content = "" }] };

        // act
        await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("00", root.Mode("/run/x/.sentinel"));
        Assert.Equal("0100", root.Mode("/run/x"));
    }

    [Theory]
    [InlineData("b64")]
    [InlineData("base64")]
    [InlineData("gz")]
    [InlineData("gzip")]
    [InlineData("gz+base64")]
    [InlineData("gzip+base64")]
    [InlineData("gz+b64")]
    [InlineData("gzip+b64")]
    public async Task Decodes_every_encoding_then_templates(string encoding)
    {
        // arrange
        using var root = new TempRoot();
        var plain = Encoding.UTF8.GetBytes("arch={{.Values.os.architecture}}\n");
        var gz = Gzip(plain);
        var content = encoding switch
        {
            "b64" or "base64" => Convert.ToBase64String(plain),
            "gz" or "gzip" => Encoding.Latin1.GetString(gz),
            _ => Convert.ToBase64String(gz),
        };
        var step = new Step { Files = [new FileEntry { Path = "/etc/f", Content = content, Encoding = encoding, Permissions = 0x1A4 }] };

        // act
        var outcome = await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded, string.Join(';', outcome.Failures.Select(f => f.Message)));
        Assert.Equal("arch=amd64\n", root.Read("/etc/f"));
    }

    [Fact]
    public async Task Ownerstring_is_resolved_against_the_target_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nkairos:x:4242:4343::/home/kairos:/bin/sh\n")
            .Write("/etc/group", "root:x:0:\nkairos:x:4343:\nadm:x:4:\n");
        var step = new Step
        {
            Files =
            [
                new FileEntry { Path = "/home/kairos/a", Content = "a", Permissions = 0x1A4, OwnerString = "kairos" },
                new FileEntry { Path = "/home/kairos/b", Content = "b", Permissions = 0x1A4, OwnerString = "kairos:adm" },
                new FileEntry { Path = "/home/kairos/c", Content = "c", Permissions = 0x1A4, Owner = 7, Group = 8 },
            ],
        };

        // act
        var outcome = await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal((4242, 4343), Owner(root, "/home/kairos/a"));
        Assert.Equal((4242, 4), Owner(root, "/home/kairos/b"));
        Assert.Equal((7, 8), Owner(root, "/home/kairos/c"));
        Assert.Equal((4242, 4343), Owner(root, "/home/kairos"));
    }

    [Fact]
    public async Task Unknown_owner_fails_and_fail_fast_stops_at_the_first_failure()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step
        {
            Files =
            [
                new FileEntry { Path = "/a", Content = "a", OwnerString = "nobody-here" },
                new FileEntry { Path = "/b", Content = "b" },
            ],
        };

        // act
        var failFast = await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);
        var exists = root.Exists("/b");
        var carryOn = await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root), failFast: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("nobody-here", failFast.Failures.Single().Message);
        Assert.False(exists);
        Assert.Single(carryOn.Failures);
        Assert.True(root.Exists("/b"));
    }

    [Fact]
    public async Task Overwrites_an_existing_file()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/motd", "old old old");
        var step = new Step { Files = [new FileEntry { Path = "/etc/motd", Content = "new", Permissions = 0x1A4 }] };

        // act
        await new FilesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("new", root.Read("/etc/motd"));
    }

    internal static (int, int) Owner(TempRoot root, string path) => FileStatProbe.Owner(root.HostPath(path));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

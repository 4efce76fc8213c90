using System.Text;

namespace Kairos.Stages.Tests.Platform;

public sealed class WriteConfinementTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("payload\n");
    private const UnixFileMode Mode644 = (UnixFileMode)0x1A4;

    [Theory]
    [InlineData("../../etc/x")]
    [InlineData("/../../../etc/x")]
    [InlineData("etc/../../../../etc/x")]
    [InlineData("/tmp/../../etc/./x")]
    public void Dot_dot_paths_stay_at_the_root(string path)
    {
        // arrange
        using var scene = new ConfinementScene();

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile(path, Payload, Mode644, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot("etc/x")));
    }

    [Fact]
    public void Absolute_symlinked_parent_to_the_host_resolves_inside_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", scene.SentinelPath);
        scene.Mkdir(scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/evil/secret", Payload, Mode644, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot(scene.SentinelPath + "/secret")));
    }

    [Fact]
    public void Absolute_symlinked_parent_with_no_mirror_in_the_root_fails_without_writing()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/evil/secret", Payload, Mode644, 0, 0));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Theory]
    [InlineData("evil", "../sentinel")]
    [InlineData("a/b/evil", "../../../../../../../sentinel")]
    [InlineData("a/evil", "./../../sentinel/./")]
    public void Relative_symlinked_parent_climbing_out_lands_in_the_root(string link, string target)
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Mkdir("a/b");
        scene.Mkdir("sentinel");
        scene.Link(link, target);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile($"/{link}/secret", Payload, Mode644, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot("sentinel/secret")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Final_symlink_out_of_the_root_is_replaced_not_followed(bool absolute)
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("etc/passwd", absolute ? Path.Combine(scene.SentinelPath, "secret") : "../../sentinel/secret");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/etc/passwd", Payload, Mode644, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Null(new FileInfo(scene.InRoot("etc/passwd")).LinkTarget);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot("etc/passwd")));
    }

    [Fact]
    public void Dot_dot_after_a_symlink_climbs_from_the_link_target_and_stops_at_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Mkdir("a/b");
        scene.Mkdir("sentinel");
        scene.Link("lnk", "/a/b");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/lnk/../../../sentinel/secret", Payload, Mode644, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot("sentinel/secret")));
    }

    [Fact]
    public void Proc_magic_link_path_is_read_as_text_inside_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("p", "/proc/self/root" + scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/p/secret", Payload, Mode644, 0, 0));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Hard_link_to_an_outside_file_is_replaced_and_the_outside_file_keeps_its_bytes()
    {
        // arrange
        using var scene = new ConfinementScene();
        Programs.Run("ln", Path.Combine(scene.SentinelPath, "secret"), scene.InRoot("etc/shadow"));

        // act (the outside inode loses a link, so only its ctime moves)
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/etc/shadow", Payload, Mode644, 0, 0), changeTimes: false);

        // assert
        Assert.Null(error);
        Assert.Equal("payload\n", File.ReadAllText(scene.InRoot("etc/shadow")));
    }

    [Fact]
    public void Symlink_loop_fails_with_too_many_links()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("a", "/b");
        scene.Link("b", "a");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/a/x", Payload, Mode644, 0, 0));

        // assert
        Assert.Contains("symbolic links", Assert.IsType<IOException>(error).Message);
    }

    [Fact]
    public void Forty_links_resolve_and_forty_one_do_not()
    {
        // arrange
        using var scene = new ConfinementScene();
        for (var i = 0; i < 41; i++)
        {
            scene.Link($"l{i}", i == 0 ? "/tmp" : $"l{i - 1}");
        }

        // act
        var forty = Record.Exception(() => scene.Files.WriteFile("/l39/x", Payload, Mode644, 0, 0));
        var fortyOne = Record.Exception(() => scene.Files.WriteFile("/l40/x", Payload, Mode644, 0, 0));

        // assert
        Assert.Null(forty);
        Assert.True(File.Exists(scene.InRoot("tmp/x")));
        Assert.IsType<IOException>(fortyOne);
    }

    [Fact]
    public void Device_node_at_the_target_is_refused()
    {
        // arrange
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("mknod needs root");
        }

        using var scene = new ConfinementScene();
        Programs.Run("mknod", scene.InRoot("tmp/null"), "c", "1", "3");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile("/tmp/null", Payload, Mode644, 0, 0));

        // assert
        Assert.Contains("device", Assert.IsType<IOException>(error).Message);
        Assert.Equal(string.Empty, Programs.Run("find", scene.InRoot("tmp/null"), "-type", "f"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tmp/..")]
    [InlineData("/tmp/.")]
    public void Paths_without_a_final_name_are_refused(string path)
    {
        // arrange
        using var scene = new ConfinementScene();

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.WriteFile(path, Payload, Mode644, 0, 0));

        // assert
        Assert.IsType<IOException>(error);
    }
}

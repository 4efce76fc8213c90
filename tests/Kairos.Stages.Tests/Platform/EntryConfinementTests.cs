namespace Kairos.Stages.Tests.Platform;

/// <summary>Delete, symlink, mkdir, read and list through paths that point out of the root.</summary>
public sealed class EntryConfinementTests
{
    private const UnixFileMode Mode777 = (UnixFileMode)0x1FF;

    [Fact]
    public void Delete_of_a_final_link_to_an_outside_directory_removes_only_the_link()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("tmp/out", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.Delete("/tmp/out"));

        // assert
        Assert.Null(error);
        Assert.False(Path.Exists(scene.InRoot("tmp/out")));
    }

    [Fact]
    public void Delete_of_a_directory_holding_links_out_of_the_root_never_follows_them()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("var/cache/abs", scene.SentinelPath);
        scene.Link("var/cache/rel", "../../../sentinel");
        scene.Link("var/cache/file", Path.Combine(scene.SentinelPath, "secret"));
        scene.Write("var/cache/deep/er/file", "x");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.Delete("/var"));

        // assert
        Assert.Null(error);
        Assert.False(Path.Exists(scene.InRoot("var")));
    }

    [Theory]
    [InlineData("/evil/secret")]
    [InlineData("/evil/dir")]
    [InlineData("/../sentinel/secret")]
    [InlineData("../../sentinel/dir")]
    public void Delete_through_paths_pointing_out_of_the_root_does_nothing_outside(string path)
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.Delete(path));

        // assert
        Assert.Null(error);
        Assert.True(Path.Exists(scene.InRoot("evil")));
    }

    [Fact]
    public void Creating_a_symlink_over_a_final_link_out_of_the_root_replaces_the_link()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("etc/localtime", Path.Combine(scene.SentinelPath, "secret"));

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.CreateSymlink("/etc/localtime", "/usr/share/zoneinfo/UTC"));

        // assert
        Assert.Null(error);
        Assert.Equal("/usr/share/zoneinfo/UTC", new FileInfo(scene.InRoot("etc/localtime")).LinkTarget);
    }

    [Fact]
    public void Creating_a_symlink_through_a_symlinked_parent_out_of_the_root_fails()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.CreateSymlink("/evil/new-link", "/etc/passwd"));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Creating_a_directory_through_a_symlinked_parent_out_of_the_root_fails()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.CreateDirectory("/evil/newdir", Mode777, 0, 0));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Creating_a_directory_at_a_final_link_to_an_outside_directory_does_not_chmod_it()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("opt", Path.Combine(scene.SentinelPath, "dir"));

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.CreateDirectory("/opt", Mode777, 4242, 4242));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Reading_through_a_link_out_of_the_root_reads_the_file_in_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("etc/shadow", Path.Combine(scene.SentinelPath, "secret"));
        scene.Write(scene.SentinelPath + "/secret", "in-root\n");

        // act
        var text = scene.Files.ReadAllText("/etc/shadow");

        // assert
        Assert.Equal("in-root\n", text);
    }

    [Fact]
    public void Listing_through_a_link_out_of_the_root_lists_the_directory_in_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("l", "../../sentinel");
        scene.Write("sentinel/only-in-root", "x");

        // act
        var names = scene.Files.ListDirectory("/l");

        // assert
        Assert.Equal(["only-in-root"], names);
    }

    [Fact]
    public void Exists_and_stat_answer_inside_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("evil", Path.Combine(scene.SentinelPath, "secret"));

        // act
        var exists = scene.Files.Exists("/evil");
        var followed = scene.Files.Stat("/evil");
        var link = scene.Files.Stat("/evil", followLinks: false);

        // assert
        Assert.False(exists);
        Assert.Null(followed);
        Assert.Equal(Path.Combine(scene.SentinelPath, "secret"), link?.LinkTarget);
    }
}

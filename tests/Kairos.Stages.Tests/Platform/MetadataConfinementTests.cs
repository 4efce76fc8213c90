namespace Kairos.Stages.Tests.Platform;

public sealed class MetadataConfinementTests
{
    private const UnixFileMode Mode777 = (UnixFileMode)0x1FF;

    [Fact]
    public void Chmod_through_a_final_link_out_of_the_root_fails_when_the_root_has_no_such_file()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("etc/shadow", Path.Combine(scene.SentinelPath, "secret"));

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.SetMode("/etc/shadow", Mode777));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Chmod_through_a_relative_final_link_out_of_the_root_changes_the_file_in_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Write("sentinel/secret", "mirror\n");
        scene.Link("etc/shadow", "../../../sentinel/secret");

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.SetMode("/etc/shadow", Mode777));

        // assert
        Assert.Null(error);
        Assert.Equal(Mode777, File.GetUnixFileMode(scene.InRoot("sentinel/secret")));
    }

    [Fact]
    public void Chown_through_a_final_link_out_of_the_root_fails_without_touching_it()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("etc/shadow", Path.Combine(scene.SentinelPath, "secret"));

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.SetOwner("/etc/shadow", 4242, 4242));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Chown_through_a_symlinked_parent_out_of_the_root_fails_without_touching_it()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("home", scene.SentinelPath);

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.SetOwner("/home/dir/inner", 4242, 4242));

        // assert
        Assert.IsType<DirectoryNotFoundException>(error);
    }

    [Fact]
    public void Chmod_of_a_dot_dot_path_acts_on_the_root_file()
    {
        // arrange
        using var scene = new ConfinementScene();

        // act
        var error = scene.AssertSentinelUntouched(() => scene.Files.SetMode("../../../etc/os-release", Mode777));

        // assert
        Assert.Null(error);
        Assert.Equal(Mode777, File.GetUnixFileMode(scene.InRoot("etc/os-release")));
    }
}

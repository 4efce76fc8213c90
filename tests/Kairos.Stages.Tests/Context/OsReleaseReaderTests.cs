using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class OsReleaseReaderTests
{
    [Fact]
    public void Reads_etc_os_release_first()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("etc/os-release", "ID=debian\n");
        root.Write("usr/lib/os-release", "ID=ubuntu\n");

        // act
        var found = OsReleaseReader.Read(root.Path);

        // assert
        Assert.Equal("debian", found?.Release.Id);
    }

    [Fact]
    public void Absolute_symlink_is_followed_inside_the_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("usr/lib/os-release", "ID=fedora\nVERSION_ID=41\n");
        root.Link("etc/os-release", "/usr/lib/os-release");

        // act
        var found = OsReleaseReader.Read(root.Path);

        // assert
        Assert.Equal("fedora", found?.Release.Id);
        Assert.StartsWith(root.Path, found?.Path);
    }

    [Fact]
    public void Relative_symlink_is_followed_inside_the_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("usr/lib/os-release", "ID=alpine\n");
        root.Link("etc/os-release", "../usr/lib/os-release");

        // act
        var found = OsReleaseReader.Read(root.Path);

        // assert
        Assert.Equal("alpine", found?.Release.Id);
    }

    [Fact]
    public void Falls_back_to_usr_lib_os_release()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("usr/lib/os-release", "ID=rocky\n");

        // act
        var found = OsReleaseReader.Read(root.Path);

        // assert
        Assert.Equal("rocky", found?.Release.Id);
    }

    [Fact]
    public void Missing_os_release_gives_null()
    {
        // arrange
        using var root = new TempRoot();

        // act and assert
        Assert.Null(OsReleaseReader.Read(root.Path));
    }

    [Fact]
    public void Dot_dot_cannot_escape_the_root()
    {
        // arrange
        using var root = new TempRoot();

        // act
        var resolved = Kairos.Stages.Target.Platform.RootPath.Resolve(root.Path, "/../../../etc/os-release");

        // assert
        Assert.Equal(Path.Combine(root.Path, "etc", "os-release"), resolved);
    }
}

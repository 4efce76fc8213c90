using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class RootFileSystemTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("payload\n");

    [Theory]
    [InlineData(0x1A4)] // 0644
    [InlineData(0x180)] // 0600
    [InlineData(0x1FF)] // 0777: a umask of 022 would drop bits here
    [InlineData(0x9ED)] // 04755: set-uid survives because the owner is set first
    [InlineData(0x0)]
    public void Writes_file_with_exact_mode_and_owner(int mode)
    {
        // arrange
        using var root = new TempRoot();
        root.CreateDirectory("etc");
        var files = new RootFileSystem(root.Path);
        var (uid, gid) = Environment.IsPrivilegedProcess ? (1234, 5678) : (-1, -1);

        // act
        files.WriteFile("/etc/x", Payload, (UnixFileMode)mode, uid, gid);

        // assert
        var status = Stat(root.HostPath("etc/x"));
        Assert.Equal((UnixFileMode)mode, status.Permissions);
        Assert.True(status.IsRegular);
        if (uid >= 0)
        {
            Assert.Equal((1234, 5678), (status.Uid, status.Gid));
        }

        Assert.Equal("payload\n", File.ReadAllText(root.HostPath("etc/x")));
        Assert.Equal(["x"], Directory.EnumerateFileSystemEntries(root.HostPath("etc")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0x1ED)] // 0755
    [InlineData(0x1FF)] // 0777
    [InlineData(0x3FF)] // 01777, like /tmp
    [InlineData(0x5C0)] // 02700
    public void Creates_directory_with_exact_mode_and_owner(int mode)
    {
        // arrange
        using var root = new TempRoot();
        var files = new RootFileSystem(root.Path);
        var (uid, gid) = Environment.IsPrivilegedProcess ? (1000, 1001) : (-1, -1);

        // act
        files.CreateDirectory("/srv", (UnixFileMode)mode, uid, gid);

        // assert
        var status = Stat(root.HostPath("srv"));
        Assert.True(status.IsDirectory);
        Assert.Equal((UnixFileMode)mode, status.Permissions);
        if (uid >= 0)
        {
            Assert.Equal((1000, 1001), (status.Uid, status.Gid));
        }
    }

    [Fact]
    public void Creating_an_existing_directory_sets_its_mode_and_owner()
    {
        // arrange
        using var root = new TempRoot();
        root.CreateDirectory("srv");
        var files = new RootFileSystem(root.Path);

        // act
        files.CreateDirectory("/srv", (UnixFileMode)0x1C0, -1, -1);

        // assert
        Assert.Equal((UnixFileMode)0x1C0, Stat(root.HostPath("srv")).Permissions);
    }

    [Fact]
    public void Creating_a_directory_over_a_file_fails()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("srv", "x");
        var files = new RootFileSystem(root.Path);

        // act
        var error = Record.Exception(() => files.CreateDirectory("/srv", (UnixFileMode)0x1ED, 0, 0));

        // assert
        Assert.IsType<IOException>(error);
    }

    [Fact]
    public void Written_file_mtime_is_the_source_date_epoch()
    {
        // arrange
        using var root = new TempRoot();
        var files = new RootFileSystem(root.Path) { ModificationTime = SourceDateEpoch.Parse("1700000000") };

        // act
        files.WriteFile("/x", Payload, (UnixFileMode)0x1A4, 0, 0);

        // assert
        Assert.Equal(1700000000, Stat(root.HostPath("x")).ModifiedSeconds);
    }

    [Theory]
    [InlineData("1700000000", 1700000000L)]
    [InlineData("0", 0L)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("-5", null)]
    [InlineData("soon", null)]
    public void Source_date_epoch_parses_only_non_negative_integers(string? value, long? expected)
    {
        // act
        var time = SourceDateEpoch.Parse(value);

        // assert
        Assert.Equal(expected, time?.ToUnixTimeSeconds());
    }

    [Fact]
    public void Rewriting_a_file_replaces_it_atomically_and_leaves_no_temp_files()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("etc/hostname", "old\n");
        var files = new RootFileSystem(root.Path);

        // act
        files.WriteFile("/etc/hostname", Payload, (UnixFileMode)0x1A4, 0, 0);

        // assert
        Assert.Equal("payload\n", files.ReadAllText("/etc/hostname"));
        Assert.Equal(["hostname"], files.ListDirectory("/etc"));
    }

    [Fact]
    public void Symlinks_are_created_and_replaced_with_ln_sf_semantics()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("etc/a", "a");
        var files = new RootFileSystem(root.Path);

        // act
        files.CreateSymlink("/etc/l", "/etc/a");
        files.CreateSymlink("/etc/l", "b");
        files.CreateSymlink("/etc/a", "b");

        // assert
        Assert.Equal("b", new FileInfo(root.HostPath("etc/l")).LinkTarget);
        Assert.Equal("b", new FileInfo(root.HostPath("etc/a")).LinkTarget);
        Assert.Equal(["a", "l"], files.ListDirectory("/etc"));
    }

    [Fact]
    public void Delete_removes_files_links_and_trees_and_ignores_missing_paths()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("a/b/c/d", "x");
        root.Write("f", "x");
        root.Link("l", "/a");
        var files = new RootFileSystem(root.Path);

        // act
        files.Delete("/l");
        files.Delete("/f");
        files.Delete("/a");
        files.Delete("/missing/too");

        // assert
        Assert.Empty(files.ListDirectory("/"));
    }

    [Fact]
    public void Exists_queries_follow_links_inside_the_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("etc/real", "x");
        root.Link("etc/good", "/etc/real");
        root.Link("etc/dangling", "/nowhere");
        root.Link("dir", "etc");
        var files = new RootFileSystem(root.Path);

        // assert
        Assert.True(files.FileExists("/etc/good"));
        Assert.False(files.Exists("/etc/dangling"));
        Assert.True(files.DirectoryExists("/dir"));
        Assert.False(files.FileExists("/dir"));
        Assert.False(files.Exists("/etc/real/below-a-file"));
        Assert.Equal("/etc/real", files.Stat("/dir/good")?.Path);
        Assert.Null(files.Stat("/etc/dangling/x"));
    }

    [Fact]
    public void Files_on_procfs_are_written_in_place()
    {
        // arrange
        var files = new RootFileSystem("/");
        var before = files.ReadAllText("/proc/self/comm");

        // act
        var error = Record.Exception(() => files.WriteFile("/proc/self/comm", Encoding.UTF8.GetBytes(before), (UnixFileMode)0x1A4, 0, 0));

        // assert
        Assert.Null(error);
        Assert.Equal(before, files.ReadAllText("/proc/self/comm"));
    }

    internal static FileStatus Stat(string hostPath)
    {
        using var anchor = Native.Open("/", OpenFlags.Path | OpenFlags.Directory);
        return Native.Stat(anchor, hostPath, hostPath);
    }
}

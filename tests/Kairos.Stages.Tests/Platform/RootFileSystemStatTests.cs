using System.Text;

namespace Kairos.Stages.Tests.Platform;

/// <summary>Stat and in-place writes: what actions and checks use instead of host paths, confined like every other operation.</summary>
public sealed class RootFileSystemStatTests
{
    [Fact]
    public void Stat_reports_mode_owner_size_and_mtime_of_the_file_a_link_ends_at()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Write("/etc/hosts", "127.0.0.1 localhost\n");
        File.SetUnixFileMode(scene.InRoot("/etc/hosts"), (UnixFileMode)0x1A0); // 0640
        File.SetLastWriteTimeUtc(scene.InRoot("/etc/hosts"), new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc));
        scene.Link("/etc/hosts-link", "/etc/hosts");

        // act
        var followed = scene.Files.Stat("/etc/hosts-link");
        var link = scene.Files.Stat("/etc/hosts-link", followLinks: false);

        // assert
        Assert.NotNull(followed);
        Assert.Equal("/etc/hosts", followed.Path);
        Assert.Equal((UnixFileMode)0x1A0, followed.Mode);
        Assert.Equal(20, followed.Size);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc), followed.ModifiedUtc);
        Assert.True(followed.IsRegular);
        Assert.False(followed.IsSymlink);
        Assert.Equal("/etc/hosts", link?.LinkTarget);
        Assert.False(link?.IsRegular);
    }

    [Fact]
    public void Stat_follows_an_absolute_link_inside_the_root_never_to_the_host()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("/etc/escape", scene.SentinelPath + "/dir");
        scene.Mkdir(scene.SentinelPath + "/dir");

        // act
        var stat = scene.Files.Stat("/etc/escape/inner");

        // assert: the sentinel's dir/inner exists on the host, but inside the root the link ends at ROOT/<sentinel>/dir, empty
        Assert.Null(stat);
        Assert.Equal(scene.SentinelPath + "/dir", scene.Files.Stat("/etc/escape")?.Path);
    }

    [Fact]
    public void WriteExisting_rewrites_the_same_inode_keeping_mode_and_owner()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Write("/proc/sys/net/ipv4/ip_forward", "0\n");
        File.SetUnixFileMode(scene.InRoot("/proc/sys/net/ipv4/ip_forward"), (UnixFileMode)0x180); // 0600
        using var original = new FileStream(scene.InRoot("/proc/sys/net/ipv4/ip_forward"), FileMode.Open, FileAccess.Read);
        var before = scene.Files.Stat("/proc/sys/net/ipv4/ip_forward")!;

        // act
        scene.Files.WriteExisting("/proc/sys/net/ipv4/ip_forward", Encoding.UTF8.GetBytes("1"));

        // assert
        var after = scene.Files.Stat("/proc/sys/net/ipv4/ip_forward")!;
        Assert.Equal("1", File.ReadAllText(scene.InRoot("/proc/sys/net/ipv4/ip_forward")));
        Assert.Equal(before.Mode, after.Mode);
        Assert.Equal((before.Uid, before.Gid), (after.Uid, after.Gid));
        using var reader = new StreamReader(original);
        Assert.Equal("1", reader.ReadToEnd()); // the descriptor opened before the write sees the new bytes: same inode
    }

    [Fact]
    public void WriteExisting_never_creates_and_never_writes_through_a_link_out_of_the_root()
    {
        // arrange
        using var scene = new ConfinementScene();
        scene.Link("/etc/secret", scene.SentinelPath + "/secret");

        // act
        var missing = Record.Exception(() => scene.Files.WriteExisting("/etc/absent", "x"u8));
        var escaped = scene.AssertSentinelUntouched(() => scene.Files.WriteExisting("/etc/secret", "pwned"u8));

        // assert
        Assert.IsType<FileNotFoundException>(missing);
        Assert.False(File.Exists(scene.InRoot("/etc/absent")));
        Assert.IsAssignableFrom<IOException>(escaped); // the link's target does not exist inside the root
    }
}

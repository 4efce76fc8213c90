using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class MountSessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Missing_resolv_conf_is_borrowed_from_the_host_and_removed_after()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        if (!File.Exists("/etc/resolv.conf"))
        {
            Assert.Skip("the host has no /etc/resolv.conf");
        }

        var before = TempRoot.Fingerprint(root.HostPath("etc"));
        CommandResult result;
        await using (var target = new ChrootTarget(root.Path))
        {
            // act
            result = await target.RunAsync(new CommandRequest("cat /etc/resolv.conf"), Token);
        }

        // assert
        Assert.Equal(File.ReadAllText("/etc/resolv.conf"), result.Output);
        Assert.Equal(before, TempRoot.Fingerprint(root.HostPath("etc")));
    }

    [Fact]
    public async Task Dangling_resolv_conf_link_is_restored_after_the_run()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        root.Directory.Link("etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        CommandResult result;
        await using (var target = new ChrootTarget(root.Path))
        {
            // act
            result = await target.RunAsync(new CommandRequest("grep -c . /etc/resolv.conf"), Token);
        }

        // assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", new FileInfo(root.HostPath("etc/resolv.conf")).LinkTarget);
    }

    [Fact]
    public async Task Existing_resolv_conf_is_left_alone()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        root.Directory.Write("etc/resolv.conf", "nameserver 192.0.2.1\n");

        // act
        CommandResult result;
        await using (var target = new ChrootTarget(root.Path))
        {
            result = await target.RunAsync(new CommandRequest("cat /etc/resolv.conf"), Token);
        }

        // assert
        Assert.Equal("nameserver 192.0.2.1\n", result.Output);
        Assert.Equal("nameserver 192.0.2.1\n", File.ReadAllText(root.HostPath("etc/resolv.conf")));
    }

    [Fact]
    public void Something_already_mounted_is_used_and_left_mounted()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", root.HostPath("run"));
        try
        {
            // act
            using (var session = MountSession.Open(root.Path))
            {
                Assert.DoesNotContain(root.HostPath("run"), session.MountPoints);
            }

            // assert
            Assert.Equal([root.HostPath("run")], MountTable.MountsUnder(root.Path));
        }
        finally
        {
            Programs.Run("umount", "-l", root.HostPath("run"));
        }
    }

    [Fact]
    public void Mount_points_it_had_to_create_are_removed_after()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        Directory.Delete(root.HostPath("run"));
        Directory.Delete(root.HostPath("sys"));

        // act
        using (var session = MountSession.Open(root.Path))
        {
            Assert.Contains(root.HostPath("run"), session.MountPoints);
        }

        // assert
        Assert.False(Path.Exists(root.HostPath("run")));
        Assert.False(Path.Exists(root.HostPath("sys")));
        Assert.Empty(MountTable.MountsUnder(root.Path));
    }

    [Fact]
    public void A_mount_point_that_links_out_of_the_root_is_mounted_inside_the_root()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        using var outside = new TempRoot("ks-outside-");
        Directory.Delete(root.HostPath("run"));
        root.Directory.Link("run", outside.Path);
        var mirror = root.HostPath(outside.Path);
        Directory.CreateDirectory(mirror);

        // act
        IReadOnlyList<string> mounted;
        using (var session = MountSession.Open(root.Path))
        {
            mounted = session.MountPoints;
            Assert.Empty(MountTable.MountsUnder(outside.Path));
            Assert.Contains(mirror, MountTable.MountsUnder(root.Path));
        }

        // assert
        Assert.Empty(MountTable.MountsUnder(root.Path));
        Assert.Empty(MountTable.MountsUnder(outside.Path));
    }

    [Fact]
    public void Nothing_is_mounted_when_a_mount_point_cannot_be_made_and_the_error_says_where()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        Directory.Delete(root.HostPath("run"));
        root.Directory.Write("run", "a file where a directory belongs");

        // act
        var error = Record.Exception(() => MountSession.Open(root.Path).Dispose());

        // assert
        Assert.IsType<IOException>(error, exactMatch: false);
        Assert.Empty(MountTable.MountsUnder(root.Path));
    }
}

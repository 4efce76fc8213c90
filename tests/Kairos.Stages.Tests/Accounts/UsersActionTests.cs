using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Accounts;

public sealed class UsersActionTests
{
    private static TempRoot SampleRoot()
    {
        var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
            .Write("/etc/group", "root:x:0:\nnogroup:x:65534:\n")
            .Write("/etc/shadow", "root:*:19000:0:99999:7:::\n", (UnixFileMode)0x180)
            .Mkdir("/home");
        return root;
    }

    private static Task<Kairos.Stages.Engine.Steps.ActionOutcome> Run(TempRoot root, params User[] users) =>
        new UsersAction(null).RunAsync(new Step { Users = users }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Users_get_ids_from_1000_in_name_order_and_groups_get_members()
    {
        // arrange
        using var root = SampleRoot();

        // act
        var outcome = await Run(root, new User { Name = "bar", Passwd = "$fkekofe", Groups = ["admin"] }, new User { Name = "admin" });

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Contains("admin:x:1000:1000:Created by entities:/home/admin:/bin/sh\n", root.Read("/etc/passwd"));
        Assert.Contains("bar:x:1001:1001:Created by entities:/home/bar:/bin/sh\n", root.Read("/etc/passwd"));
        Assert.EndsWith("admin:x:1000:admin,bar\nbar:x:1001:bar\n", root.Read("/etc/group"));
        Assert.Contains("\nbar:$fkekofe:", root.Read("/etc/shadow"));
        Assert.Equal("0600", root.Mode("/etc/shadow"));
        Assert.Equal("0755", root.Mode("/home/bar"));
        Assert.Equal((1001, 1001), FileStatProbe.Owner(root.HostPath("/home/bar")));
    }

    [Fact]
    public async Task A_second_run_keeps_ids_and_adds_new_users_after_them()
    {
        // arrange
        using var root = SampleRoot();
        await Run(root, new User { Name = "admin" }, new User { Name = "bar", Groups = ["admin"] });

        // act
        await Run(root, new User { Name = "admin" }, new User { Name = "bar", Groups = ["admin"] }, new User { Name = "baz", Groups = ["admin"] });

        // assert
        Assert.EndsWith("admin:x:1000:admin,bar,baz\nbar:x:1001:bar\nbaz:x:1002:baz\n", root.Read("/etc/group"));
        Assert.Contains("baz:x:1002:1002:", root.Read("/etc/passwd"));
        Assert.Single(root.Read("/etc/passwd").Split('\n'), l => l.StartsWith("admin:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_user_gets_a_bang_password()
    {
        // arrange
        using var root = SampleRoot();

        // act
        await Run(root, new User { Name = "foo", Passwd = "secret", LockPasswd = true });

        // assert
        Assert.Contains("\nfoo:!:", root.Read("/etc/shadow"));
    }

    [Fact]
    public async Task Explicit_uid_home_and_shell_are_used()
    {
        // arrange
        using var root = SampleRoot();

        // act
        await Run(root, new User { Name = "foo", Uid = "5000", Homedir = "/run/foo", Shell = "/bin/bash", Gecos = "Foo" });

        // assert
        Assert.Contains("foo:x:5000:1000:Foo:/run/foo:/bin/bash\n", root.Read("/etc/passwd"));
        Assert.True(root.Exists("/run/foo"));
    }

    [Fact]
    public async Task Plain_passwords_are_hashed_and_never_reported()
    {
        // arrange
        using var root = SampleRoot();

        // act
        var users = new[] { new User { Name = "kairos", Passwd = "hunter2", PrimaryGroup = "missing" }, new User { Name = "ok", Passwd = "hunter2" } };
        var outcome = await new UsersAction(null).RunAsync(
            new Step { Users = users }, Contexts.For(new ScriptedTarget(root), failFast: false), TestContext.Current.CancellationToken);

        // assert
        var failure = outcome.Failures.Single();
        Assert.DoesNotContain("hunter2", failure.Message);
        Assert.Contains("primary group 'missing'", failure.Message);
        Assert.Matches(@"\nok:\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}:\d+:", root.Read("/etc/shadow"));
    }

    [Fact]
    public async Task An_existing_user_only_gets_a_new_password_and_keeps_aging()
    {
        // arrange
        using var root = SampleRoot();
        root.Write("/etc/passwd", root.Read("/etc/passwd") + "kairos:x:1000:1000::/home/kairos:/bin/bash\n")
            .Write("/etc/shadow", "root:*:19000:0:99999:7:::\nkairos:old:19000:1:2:3:4:5:\n", (UnixFileMode)0x180);

        // act
        await Run(root, new User { Name = "kairos", Passwd = "$6$x$y", Shell = "/bin/zsh", Groups = ["root"] });

        // assert
        Assert.Matches(@"\nkairos:\$6\$x\$y:\d+:1:2:3:4:5:\n", root.Read("/etc/shadow"));
        Assert.Contains("kairos:x:1000:1000::/home/kairos:/bin/bash", root.Read("/etc/passwd"));
        Assert.DoesNotContain("kairos", root.Read("/etc/group"));
    }

    [Fact]
    public async Task Ssh_keys_of_a_user_are_added()
    {
        // arrange
        using var root = SampleRoot();

        // act
        await Run(root, new User { Name = "kairos", SshAuthorizedKeys = ["ssh-ed25519 AAAA kairos@test"] });

        // assert
        Assert.Equal("ssh-ed25519 AAAA kairos@test\n", root.Read("/home/kairos/.ssh/authorized_keys"));
        Assert.Equal("0600", root.Mode("/home/kairos/.ssh/authorized_keys"));
        Assert.Equal("0700", root.Mode("/home/kairos/.ssh"));
        Assert.Equal((1000, 1000), FileStatProbe.Owner(root.HostPath("/home/kairos/.ssh/authorized_keys")));
    }
}

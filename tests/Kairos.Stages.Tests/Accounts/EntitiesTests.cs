using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Accounts;

public sealed class EntitiesTests
{
    private const string FooGroup = "kind: \"group\"\ngroup_name: \"foo\"\npassword: \"xx\"\ngid: 1\nusers: \"one,two,tree\"\n";

    private static YipEntity Entity(string path, string text) => new(path, text, SourceSpan.None("t"));

    [Fact]
    public async Task Ensure_appends_a_group_and_delete_removes_it()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/group", "nm-openconnect:x:979:\n");
        var context = Contexts.For(new ScriptedTarget(root));

        // act
        await new EnsureEntitiesAction().RunAsync(new Step { EnsureEntities = [Entity("/etc/group", FooGroup)] }, context, TestContext.Current.CancellationToken);
        var afterEnsure = root.Read("/etc/group");
        await new DeleteEntitiesAction().RunAsync(new Step { DeleteEntities = [Entity("/etc/group", FooGroup)] }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("nm-openconnect:x:979:\nfoo:xx:1:one,two,tree\n", afterEnsure);
        Assert.Equal("nm-openconnect:x:979:\n", root.Read("/etc/group"));
    }

    [Fact]
    public async Task Ensuring_a_group_again_merges_members_and_keeps_password_and_gid()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/group", "foo:xx:1:one,two\n");
        var step = new Step { EnsureEntities = [Entity("", "kind: group\ngroup_name: foo\nusers: two,four\n")] };

        // act
        await new EnsureEntitiesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("foo:xx:1:one,two,four\n", root.Read("/etc/group"));
    }

    [Fact]
    public async Task Deleting_what_is_not_there_changes_nothing()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/group", "root:x:0:\nusers:x:100:\n");

        // act
        var outcome = await new DeleteEntitiesAction().RunAsync(
            new Step { DeleteEntities = [Entity("/etc/group", FooGroup)] }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("root:x:0:\nusers:x:100:\n", root.Read("/etc/group"));
        Assert.True(outcome.Succeeded);
        Assert.Single(outcome.Warnings);
    }

    [Fact]
    public async Task Users_and_shadows_are_upserted_with_templating_and_hashing()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").Write("/etc/shadow", "", (UnixFileMode)0x180);
        var user = "kind: user\nusername: svc\npassword: x\nuid: -1\ngid: 0\nhomedir: /var/lib/svc\nshell: /bin/{{ \"sh\" }}\n";
        var shadow = "kind: shadow\nusername: svc\npassword: plaintext\nlast_changed: now\n";
        var step = new Step { EnsureEntities = [Entity("", user), Entity("", shadow)] };

        // act
        var outcome = await new EnsureEntitiesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded, string.Join(';', outcome.Failures.Select(f => f.Message)));
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\nsvc:x:1000:0:Created by entities:/var/lib/svc:/bin/sh\n", root.Read("/etc/passwd"));
        Assert.Matches(@"^svc:\$6\$[^:]+:\d+:::::: *\n$", root.Read("/etc/shadow"));
        Assert.Equal("0600", root.Mode("/etc/shadow"));
    }

    [Fact]
    public async Task A_user_entity_without_uid_gets_a_free_one_not_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nfirst:x:1000:1000::/home/first:/bin/sh\n");
        var step = new Step { EnsureEntities = [Entity("/etc/passwd", "kind: user\nusername: svc\npassword: x\ngid: 5\n")] };

        // act
        await new EnsureEntitiesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.EndsWith("svc:x:1001:5:Created by entities::\n", root.Read("/etc/passwd"));
    }

    [Fact]
    public async Task A_bad_entity_fails_without_echoing_its_content()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { EnsureEntities = [Entity("", "kind: robot\npassword: s3cret\n")] };

        // act
        var outcome = await new EnsureEntitiesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("unknown entity kind 'robot'", outcome.Failures.Single().Message);
        Assert.DoesNotContain("s3cret", outcome.Failures.Single().Message);
    }

    [Fact]
    public void Sha512_crypt_matches_the_reference_vector()
    {
        // act
        var hash = Sha512Crypt.Hash("Hello world!", "saltstring");

        // assert
        Assert.Equal("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1", hash);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("$6$abc$def", true)]
    [InlineData("!locked", true)]
    [InlineData("*", true)]
    [InlineData("plain", false)]
    public void Hashes_and_lock_markers_are_kept(string password, bool kept)
    {
        // act + assert
        Assert.Equal(kept, Sha512Crypt.IsHashOrLocked(password));
    }
}

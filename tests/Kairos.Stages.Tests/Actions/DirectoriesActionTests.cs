using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class DirectoriesActionTests
{
    [Fact]
    public async Task Creates_a_new_directory_with_0740()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Directories = [new DirectoryEntry { Path = "/foo", Permissions = 0x1E0, Owner = 5, Group = 6 }] };

        // act
        var outcome = await new DirectoriesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("0740", root.Mode("/foo"));
        Assert.Equal((5, 6), FileStatProbe.Owner(root.HostPath("/foo")));
    }

    [Fact]
    public async Task Chmods_an_existing_directory_exactly()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/foo", (UnixFileMode)0x1ED);
        var step = new Step { Directories = [new DirectoryEntry { Path = "/foo", Permissions = 0x1E0 }] };

        // act
        await new DirectoriesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("0740", root.Mode("/foo"));
    }

    [Fact]
    public async Task Creates_nested_parents_and_leaves_the_existing_parent_alone()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/tmp", (UnixFileMode)0x1ED);
        var step = new Step { Directories = [new DirectoryEntry { Path = "/tmp/a/b/c", Permissions = 0x1E0 }] };

        // act
        await new DirectoriesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("0755", root.Mode("/tmp"));
        Assert.Equal("0740", root.Mode("/tmp/a"));
        Assert.Equal("0740", root.Mode("/tmp/a/b"));
        Assert.Equal("0740", root.Mode("/tmp/a/b/c"));
    }

    [Fact]
    public async Task Missing_permissions_set_an_existing_directory_to_0000()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/var/log/journal");
        var step = new Step { Directories = [new DirectoryEntry { Path = "/var/log/journal" }] };

        // act
        await new DirectoriesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("00", root.Mode("/var/log/journal"));
    }

    [Fact]
    public async Task A_file_in_the_way_is_a_failure()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/thing", "x");
        var step = new Step { Directories = [new DirectoryEntry { Path = "/etc/thing", Permissions = 0x1ED }] };

        // act
        var outcome = await new DirectoriesAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("not a directory", outcome.Failures.Single().Message);
    }
}

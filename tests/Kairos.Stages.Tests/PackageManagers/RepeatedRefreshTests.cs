using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.PackageManagers;

/// <summary>One run refreshes and upgrades once, however many steps ask, unless the repository configuration changes.</summary>
public sealed class RepeatedRefreshTests
{
    private static Step Install(params string[] packages) => new() { Packages = new FrontEnd.Model.Packages { Refresh = true, Upgrade = true, Install = packages } };

    [Fact]
    public async Task A_second_step_asking_for_refresh_and_upgrade_only_installs()
    {
        // arrange
        using var root = new TempRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, "etc/apt/sources.list.d"));
        File.WriteAllText(Path.Combine(root.Path, "etc/apt/sources.list"), "deb http://deb.debian.org/debian bookworm main\n");
        var target = new ScriptedTarget(root);
        var context = Contexts.For(target);

        // act
        var action = new PackagesAction();
        await action.RunAsync(Install("a"), context, TestContext.Current.CancellationToken);
        await action.RunAsync(Install("b"), context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["apt-get -y update -o APT::Status-Fd=1", "apt-get -y upgrade -o APT::Status-Fd=1", "apt-get -y --no-install-recommends install a -o APT::Status-Fd=1", "apt-get -y --no-install-recommends install b -o APT::Status-Fd=1"], target.Scripts);
    }

    [Fact]
    public async Task A_new_repository_between_steps_refreshes_and_upgrades_again()
    {
        // arrange
        using var root = new TempRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, "etc/yum.repos.d"));
        File.WriteAllText(Path.Combine(root.Path, "etc/yum.repos.d/base.repo"), "[base]\n");
        var target = new ScriptedTarget(root);
        var context = Contexts.For(target, Contexts.Distro("rocky", "rocky", "9", ["rhel", "centos", "fedora"]));
        var action = new PackagesAction();

        // act: the first install adds a repository (as epel-release does)
        await action.RunAsync(Install("epel-release"), context, TestContext.Current.CancellationToken);
        File.WriteAllText(Path.Combine(root.Path, "etc/yum.repos.d/epel.repo"), "[epel]\n");
        await action.RunAsync(Install("b"), context, TestContext.Current.CancellationToken);
        await action.RunAsync(Install("c"), context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(
            [
                "dnf makecache", "dnf update -y", "dnf install -y --setopt=install_weak_deps=False epel-release",
                "dnf makecache", "dnf update -y", "dnf install -y --setopt=install_weak_deps=False b",
                "dnf install -y --setopt=install_weak_deps=False c",
            ],
            target.Scripts);
    }

    [Fact]
    public async Task Separate_runs_refresh_each_time()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);

        // act: a fresh context per run
        await new PackagesAction().RunAsync(Install("a"), Contexts.For(target), TestContext.Current.CancellationToken);
        await new PackagesAction().RunAsync(Install("a"), Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(2, target.Scripts.Count(s => s == "apt-get -y update -o APT::Status-Fd=1"));
        Assert.Equal(2, target.Scripts.Count(s => s == "apt-get -y upgrade -o APT::Status-Fd=1"));
    }

    [Fact]
    public async Task A_failed_refresh_is_tried_again_by_the_next_step()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var context = Contexts.For(target);
        var action = new PackagesAction();
        target.Answers["apt-get -y update -o APT::Status-Fd=1"] = (100, "E: Some index files failed to download");

        // act
        var first = await action.RunAsync(Install("a"), context, TestContext.Current.CancellationToken);
        target.Answers.Clear();
        var second = await action.RunAsync(Install("a"), context, TestContext.Current.CancellationToken);

        // assert
        Assert.False(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(2, target.Scripts.Count(s => s == "apt-get -y update -o APT::Status-Fd=1"));
    }
}

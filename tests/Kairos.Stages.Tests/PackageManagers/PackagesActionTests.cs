using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.PackageManagers;

public sealed class PackagesActionTests
{
    private static readonly FrontEnd.Model.Packages All = new() { Refresh = true, Upgrade = true, Install = ["foo", "bar"], Remove = ["baz"] };

    [Theory]
    [InlineData("debian", "", "apt-get -y update -o APT::Status-Fd=1|apt-get -y upgrade -o APT::Status-Fd=1|apt-get -y --no-install-recommends install foo bar -o APT::Status-Fd=1|apt-get -y remove baz -o APT::Status-Fd=1")]
    [InlineData("ubuntu", "", "apt-get -y update -o APT::Status-Fd=1|apt-get -y upgrade -o APT::Status-Fd=1|apt-get -y --no-install-recommends install foo bar -o APT::Status-Fd=1|apt-get -y remove baz -o APT::Status-Fd=1")]
    [InlineData("fedora", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("rocky", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("almalinux", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("ol", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("centos", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("openEuler", "", "dnf makecache|dnf update -y|dnf install -y --setopt=install_weak_deps=False foo bar|dnf remove -y baz")]
    [InlineData("alpine", "", "apk update|apk upgrade --no-cache|apk add --no-cache foo bar|apk del --no-cache baz")]
    [InlineData("opensuse-leap", "", "zypper refresh|zypper update -y|zypper install -y --no-recommends foo bar|zypper remove -y baz")]
    [InlineData("opensuse-tumbleweed", "", "zypper refresh|zypper update -y|zypper install -y --no-recommends foo bar|zypper remove -y baz")]
    [InlineData("sle-micro", "suse", "zypper refresh|zypper update -y|zypper install -y --no-recommends foo bar|zypper remove -y baz")]
    [InlineData("arch", "", "pacman -Sy --noconfirm|pacman -Syu --noconfirm|pacman -S --noconfirm foo bar|pacman -R --noconfirm baz")]
    public async Task Runs_the_exact_command_lines_in_order(string id, string idLike, string expected)
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var distro = Contexts.Distro(id, id, "1", idLike.Length > 0 ? [idLike] : []);

        // act
        var outcome = await new PackagesAction().RunAsync(new Step { Packages = All }, Contexts.For(target, distro), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal(expected.Split('|'), target.Scripts);
    }

    [Fact]
    public async Task Apt_runs_noninteractive()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);

        // act
        await new PackagesAction().RunAsync(new Step { Packages = new FrontEnd.Model.Packages { Install = ["x"] } }, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("noninteractive", target.Requests.Single().Environment["DEBIAN_FRONTEND"]);
    }

    [Fact]
    public async Task Upgrade_alone_upgrades_unlike_yip()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var step = new Step { Packages = new FrontEnd.Model.Packages { Upgrade = true } };

        // act
        await new PackagesAction().RunAsync(step, Contexts.For(target, Contexts.Distro("alpine")), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["apk upgrade --no-cache"], target.Scripts);
    }

    [Fact]
    public async Task Stops_at_the_first_failure_with_the_output_tail_even_in_carry_on_mode()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        target.Answers["dnf makecache"] = (1, "Error: Failed to download metadata for repo 'baseos'");

        // act
        var outcome = await new PackagesAction().RunAsync(
            new Step { Packages = All }, Contexts.For(target, Contexts.Distro("fedora"), failFast: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["dnf makecache"], target.Scripts);
        Assert.Contains("Failed to download metadata", outcome.Failures.Single().OutputTail);
    }

    [Fact]
    public async Task Package_names_are_templated()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var step = new Step { Packages = new FrontEnd.Model.Packages { Install = ["linux-image-{{.Values.os.architecture}}"] } };

        // act
        await new PackagesAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["apt-get -y --no-install-recommends install linux-image-amd64 -o APT::Status-Fd=1"], target.Scripts);
    }

    [Fact]
    public async Task An_unknown_distro_is_an_error()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var distro = new Distro { Id = "gentoo", OsRelease = new OsRelease { Id = "gentoo" } };

        // act
        var outcome = await new PackagesAction().RunAsync(new Step { Packages = All }, Contexts.For(target, distro), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("no package manager known for os-release ID 'gentoo'", outcome.Failures.Single().Message);
        Assert.Empty(target.Scripts);
    }
}

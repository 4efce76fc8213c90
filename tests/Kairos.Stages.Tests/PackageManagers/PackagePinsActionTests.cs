using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.PackageManagers;

public sealed class PackagePinsActionTests
{
    private static KeyValue Pin(string name, string version) => new(name, version, SourceSpan.None("t"));

    [Fact]
    public async Task Apt_pins_go_to_a_preferences_file_sorted()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { PackagePins = [Pin("zz", "2.0"), Pin("aa", "1.0"), Pin("empty", "")] };

        // act
        var outcome = await new PackagePinsAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(
            "Package: aa\nPin: version 1.0\nPin-Priority: 1001\n\nPackage: zz\nPin: version 2.0\nPin-Priority: 1001\n",
            root.Read("/etc/apt/preferences.d/99-yip-pins"));
        Assert.Contains(outcome.Warnings, w => w.Contains("empty"));
    }

    [Fact]
    public async Task Apk_pins_replace_their_world_lines_and_keep_the_rest()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/apk/world", "alpine-base\nbusybox\ncurl\n");

        // act
        await new PackagePinsAction().RunAsync(
            new Step { PackagePins = [Pin("curl", "8.5.0-r0")] }, Contexts.For(new ScriptedTarget(root), Contexts.Distro("alpine")), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("alpine-base\nbusybox\ncurl=8.5.0-r0\n", root.Read("/etc/apk/world"));
    }

    [Fact]
    public async Task Dnf_pins_resolve_the_nevra_or_fall_back_to_a_glob()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        target.Answers["dnf -q repoquery --qf '%{name}-%{epoch}:%{version}-%{release}.*' 'kernel-6.1*'"] = (0, "kernel-0:6.1.5-200.fc39.*\n");
        target.Answers["dnf -q repoquery --qf '%{name}-%{epoch}:%{version}-%{release}.*' 'other-1*'"] = (1, "");

        // act
        await new PackagePinsAction().RunAsync(
            new Step { PackagePins = [Pin("kernel", "6.1"), Pin("other", "1")] }, Contexts.For(target, Contexts.Distro("fedora")), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("kernel-0:6.1.5-200.fc39.*\nother-1*\n", root.Read("/etc/dnf/plugins/versionlock.list"));
        Assert.Contains("enabled = 1", root.Read("/etc/dnf/plugins/versionlock.conf"));
    }

    [Fact]
    public async Task Zypper_locks_with_a_fallback_to_the_bare_name_and_never_fails()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        target.Answers["zypper --non-interactive addlock 'a=1'"] = (1, "");
        target.Answers["zypper --non-interactive addlock 'a'"] = (1, "");

        // act
        var outcome = await new PackagePinsAction().RunAsync(
            new Step { PackagePins = [Pin("a", "1")] }, Contexts.For(target, Contexts.Distro("opensuse-leap")), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["zypper --non-interactive addlock 'a=1'", "zypper --non-interactive addlock 'a'"], target.Scripts);
        Assert.True(outcome.Succeeded);
        Assert.Single(outcome.Warnings);
    }

    [Fact]
    public async Task Pacman_only_warns()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);

        // act
        var outcome = await new PackagePinsAction().RunAsync(
            new Step { PackagePins = [Pin("a", "1")] }, Contexts.For(target, Contexts.Distro("arch")), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Empty(target.Scripts);
        Assert.Contains(outcome.Warnings, w => w.Contains("pacman"));
    }
}

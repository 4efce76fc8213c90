using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class SystemctlActionTests
{
    private static readonly SourceSpan At = SourceSpan.None("t");

    [Fact]
    public async Task Runs_enable_disable_mask_in_order_and_skips_start_at_build_time()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/usr/bin/systemctl", "");
        var target = new ScriptedTarget(root);
        var step = new Step { Systemctl = new Systemctl { Start = ["s"], Mask = ["m"], Disable = ["d"], Enable = ["e1", "e2"] } };

        // act
        var outcome = await new SystemctlAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["systemctl enable e1", "systemctl enable e2", "systemctl disable d", "systemctl mask m"], target.Scripts);
        Assert.Contains(outcome.Warnings, w => w.Contains("not starting s"));
    }

    [Fact]
    public async Task Boot_time_runs_start_last()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var step = new Step { Systemctl = new Systemctl { Start = ["s"], Mask = ["m"], Disable = ["d"], Enable = ["e"] } };

        // act
        await new SystemctlAction().RunAsync(step, Contexts.For(target, buildTime: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["systemctl enable e", "systemctl disable d", "systemctl mask m", "systemctl start s"], target.Scripts);
    }

    [Fact]
    public async Task OpenRc_roots_use_rc_update()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/sbin/openrc", "");
        var target = new ScriptedTarget(root);
        var step = new Step { Systemctl = new Systemctl { Enable = ["sshd.service"], Disable = ["crond"], Mask = ["x"] } };

        // act
        var outcome = await new SystemctlAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["rc-update add sshd default", "rc-update del crond default"], target.Scripts);
        Assert.Contains(outcome.Warnings, w => w.Contains("mask"));
    }

    [Theory]
    [InlineData("foo", "", "/etc/systemd/system/foo.service.d/override-yip.conf")]
    [InlineData("foo.service", "", "/etc/systemd/system/foo.service.d/override-yip.conf")]
    [InlineData("foo.service", "custom.conf", "/etc/systemd/system/foo.service.d/custom.conf")]
    [InlineData("foo", "custom", "/etc/systemd/system/foo.service.d/custom.conf")]
    [InlineData("foo.timer", "", "/etc/systemd/system/foo.timer.service.d/override-yip.conf")]
    public async Task Writes_overrides_with_yips_naming(string service, string name, string expected)
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Systemctl = new Systemctl { Overrides = [new SystemctlOverride(service, name, "[Service]\nX=1\n", At)] } };

        // act
        var outcome = await new SystemctlAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("[Service]\nX=1\n", root.Read(expected));
        Assert.Equal("0644", root.Mode(expected));
        Assert.Equal("0755", root.Mode(Path.GetDirectoryName(expected)!));
    }

    [Theory]
    [InlineData("", "content")]
    [InlineData("foo", "")]
    public async Task An_override_without_service_or_content_warns_and_writes_nothing(string service, string content)
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Systemctl = new Systemctl { Overrides = [new SystemctlOverride(service, "", content, At)] } };

        // act
        var outcome = await new SystemctlAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Single(outcome.Warnings);
        Assert.False(root.Exists("/etc/systemd"));
    }

    [Fact]
    public async Task A_failing_unit_is_reported_with_its_command()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        target.Answers["systemctl enable bad"] = (1, "Failed to enable unit: Unit file bad.service does not exist.");
        var step = new Step { Systemctl = new Systemctl { Enable = ["bad", "good"] } };

        // act
        var outcome = await new SystemctlAction().RunAsync(step, Contexts.For(target, failFast: false), TestContext.Current.CancellationToken);

        // assert
        var failure = outcome.Failures.Single();
        Assert.Equal("systemctl enable bad", failure.Command);
        Assert.Contains("does not exist", failure.OutputTail);
        Assert.Equal(["systemctl enable bad", "systemctl enable good"], target.Scripts);
    }
}

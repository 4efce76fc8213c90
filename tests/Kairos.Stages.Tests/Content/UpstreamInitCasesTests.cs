using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Rendering;

namespace Kairos.Stages.Tests.Content;

/// <summary>kairos-init's own unit cases for the dracut command and ssh hardening (reference §11), on our stage files.</summary>
public sealed class UpstreamInitCasesTests
{
    private static readonly EmbeddedStageSource Source = new();

    private static IReadOnlyList<Step> InitSteps(string file, string logLevel = "info")
    {
        var context = TestContexts.Create("debian-12") with { LogLevel = logLevel, KernelVersion = "6.12.0" };
        var template = Source.ListStages().Single(s => s.RelativePath == file);
        var rendered = StageRenderer.ForSource(Source).Render(template, context);
        Assert.True(rendered.Success, string.Join('\n', rendered.Diagnostics));
        var loaded = StageFileLoader.Load(template.DisplayPath, rendered.Text!, new LoadOptions { Bundled = true });
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Diagnostics));
        return loaded.File!.StepsFor("init");
    }

    [Theory]
    [InlineData("info", "dracut --reproducible -f /boot/initrd \"$K\"")]
    [InlineData("debug", "dracut --reproducible -f /boot/initrd \"$K\"")]
    [InlineData("trace", "dracut -v --reproducible -f /boot/initrd \"$K\"")]
    public void Dracut_is_verbose_only_at_trace_level(string level, string expected)
    {
        var commands = InitSteps("init/40-initrd.yaml", level).SelectMany(s => s.Commands).ToList();

        // the kernel is chosen when rendering and passed as $K (6.12.0 here)
        Assert.Contains(commands, c => c.Contains(expected, StringComparison.Ordinal) && c.Contains("K=\"6.12.0\"", StringComparison.Ordinal));
        if (level != "trace")
        {
            Assert.DoesNotContain(commands, c => c.Contains("dracut -v", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Ssh_hardening_writes_one_root_owned_0644_drop_in_without_password_settings()
    {
        var first = InitSteps("init/60-sshHardening.yaml")[0];

        var file = Assert.Single(first.Files);
        Assert.Equal("/etc/ssh/sshd_config.d/05-kairos-hardening.conf", file.Path);
        Assert.Equal(420u, file.Permissions);
        Assert.Equal((0, 0), (file.Owner, file.Group));
        Assert.Contains("PermitRootLogin no", file.Content);
        Assert.Contains("X11Forwarding no", file.Content);
        Assert.DoesNotContain("PasswordAuthentication", file.Content);
    }

    [Fact]
    public void Moduli_filter_keeps_only_strong_groups_with_awk()
    {
        var filter = InitSteps("init/60-sshHardening.yaml").Single(s => s.Name == "Filter weak Diffie-Hellman moduli");

        var script = string.Join('\n', filter.Commands);
        Assert.Contains("awk", script);
        Assert.True(script.Contains("2047", StringComparison.Ordinal) || script.Contains("2048", StringComparison.Ordinal));
    }
}

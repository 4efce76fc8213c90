using Kairos.Stages.Checks.Adapters;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Tests.Checks;

/// <summary>The temporary command runner validate uses until the shared targets land.</summary>
public sealed class ShellTargetTests
{
    [Fact]
    public async Task On_the_host_root_a_script_runs_with_sh_and_returns_its_output_and_exit_code()
    {
        var target = new ShellTarget("/");

        var result = await target.RunAsync(new CommandRequest("echo hello; echo oops >&2; exit 3"), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("hello", result.Output);
        Assert.Contains("oops", result.Output);
    }

    [Fact]
    public async Task A_root_without_a_shell_cannot_run_and_says_so()
    {
        using var root = new TempRoot();
        var target = new ShellTarget(root.Path);

        var result = await target.RunAsync(new CommandRequest("lsinitrd /boot/initrd"), CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("chroot", result.Output);
    }
}

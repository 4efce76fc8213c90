using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class ChrootTargetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Command_runs_inside_the_root_and_sees_its_files()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        await using var target = new ChrootTarget(root.Path);

        // act
        var result = await target.RunAsync(new CommandRequest("cat /etc/os-release"), Token);

        // assert
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ID=busybox", result.Output);
    }

    [Fact]
    public async Task Proc_sys_dev_and_run_are_mounted_during_the_run_and_gone_after()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        string inside;
        IReadOnlyList<string> during;
        var target = new ChrootTarget(root.Path);
        try
        {
            // act
            var result = await target.RunAsync(new CommandRequest("ls /proc/self/ >/dev/null && cut -d' ' -f5 /proc/self/mountinfo; ls /dev/null /sys/kernel"), Token);
            inside = result.Output;
            during = MountTable.MountsUnder(root.Path);
        }
        finally
        {
            await target.DisposeAsync();
        }

        // assert
        foreach (var mount in new[] { "/proc", "/sys", "/dev", "/dev/pts", "/run" })
        {
            Assert.Contains(root.Path + mount, during);
            Assert.Contains(mount + "\n", inside);
        }

        Assert.Contains("/dev/null", inside);
        Assert.Empty(MountTable.MountsUnder(root.Path));
    }

    [Fact]
    public async Task Exit_code_and_merged_output_are_reported()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        await using var target = new ChrootTarget(root.Path);
        var lines = new List<string>();

        // act
        var result = await target.RunAsync(new CommandRequest("echo out; echo err >&2; for i in 1 2 3; do echo line$i; done; exit 7") { OnOutput = lines.Add }, Token);

        // assert
        Assert.Equal(7, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Contains("out", lines);
        Assert.Contains("err", lines);
        Assert.Equal("line2\nline3", result.Tail(2));
    }

    [Fact]
    public async Task Environment_is_clean_with_a_sane_path_and_the_request_variables()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        await using var target = new ChrootTarget(root.Path);
        var request = new CommandRequest("env") { Environment = new Dictionary<string, string> { ["KAIROS_TEST"] = "a b" } };

        // act
        var result = await target.RunAsync(request, Token);

        // assert
        var variables = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("KAIROS_TEST=a b", variables);
        Assert.Contains($"PATH={ChrootTarget.SearchPath}", variables);
        Assert.Contains("HOME=/root", variables);
        Assert.Contains("LANG=C.UTF-8", variables);
        Assert.DoesNotContain(variables, v => v.StartsWith("DOTNET_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_kills_the_command_and_reports_it()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        await using var target = new ChrootTarget(root.Path);
        var request = new CommandRequest("echo started; sleep 30 & echo $!; wait") { Timeout = TimeSpan.FromSeconds(1) };

        // act
        var result = await target.RunAsync(request, Token);

        // assert
        Assert.True(result.TimedOut);
        Assert.Equal(124, result.ExitCode);
        Assert.True(result.Duration < TimeSpan.FromSeconds(15), $"took {result.Duration}");
        Assert.Contains("started", result.Output);
        await ChrootSupport.AssertGoneAsync(ChrootSupport.ChildPid(result.Output, 1));
    }

    [Fact]
    public async Task Cancellation_kills_the_command_group_and_dispose_leaves_no_mounts()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        var target = new ChrootTarget(root.Path);
        using var cancel = new CancellationTokenSource();
        var output = new List<string>();
        var request = new CommandRequest("sleep 30 & echo $!; wait") { OnOutput = line => { lock (output) { output.Add(line); } cancel.Cancel(); } };

        // act
        Exception? error;
        try
        {
            error = await Record.ExceptionAsync(() => target.RunAsync(request, cancel.Token));
        }
        finally
        {
            await target.DisposeAsync();
        }

        // assert
        Assert.IsType<OperationCanceledException>(error, exactMatch: false);
        Assert.Empty(MountTable.MountsUnder(root.Path));
        await ChrootSupport.AssertGoneAsync(int.Parse(output[0]));
    }

    [Fact]
    public async Task Mounts_are_made_once_for_many_commands()
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        await using var target = new ChrootTarget(root.Path);

        // act
        await target.RunAsync(new CommandRequest("true"), Token);
        var first = MountTable.MountsUnder(root.Path);
        await target.RunAsync(new CommandRequest("true"), Token);
        var second = MountTable.MountsUnder(root.Path);

        // assert
        Assert.Equal(first, second);
        Assert.Equal(5, target.Mounts!.MountPoints.Count);
    }
}

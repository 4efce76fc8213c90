using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>The one program runner: argv only, merged output, one error style, and the stop on cancel (SIGTERM, grace, SIGKILL).</summary>
public sealed class ProgramRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kairos-runner-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Arguments_reach_the_program_as_they_are_never_through_a_shell()
    {
        // arrange
        var marker = Path.Combine(_directory, "made-by-a-shell");
        var call = new ProgramCall("printf", ["%s|", $"$(touch {marker})", "a b", "; echo no", "'"]);

        // act
        var result = await ProgramRunner.RunCheckedAsync(call, Token);

        // assert
        Assert.Equal($"$(touch {marker})|a b|; echo no|'|\n", result.Output);
        Assert.False(File.Exists(marker));
        Assert.Equal($"printf '%s|' '$(touch {marker})' 'a b' '; echo no' ''\\'''", call.CommandLine);
    }

    [Fact]
    public async Task Output_environment_and_working_directory_are_the_calls()
    {
        // arrange
        var lines = new List<string>();
        var call = new ProgramCall("/bin/sh", ["-c", "pwd; echo \"$KAIROS_RUNNER_TEST\"; echo err >&2"])
        {
            Environment = new Dictionary<string, string?> { ["KAIROS_RUNNER_TEST"] = "value" },
            WorkingDirectory = _directory,
            OnLine = lines.Add,
        };

        // act
        var result = await ProgramRunner.RunAsync(call, Token);

        // assert
        Assert.Equal(0, result.ExitCode);
        // two pipes: stderr's line may come first
        Assert.Equal([_directory, "err", "value"], lines.Order(StringComparer.Ordinal));
        Assert.Contains("value\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_zero_exit_throws_naming_the_program_the_exit_code_and_the_last_lines()
    {
        // arrange
        var call = new ProgramCall("/bin/sh", ["-c", "for i in 1 2 3 4 5 6 7; do echo line$i; done; exit 7"]) { TailLines = 3, CaptureOutput = false };

        // act
        var error = await Assert.ThrowsAsync<ProgramException>(() => ProgramRunner.RunCheckedAsync(call, Token));

        // assert
        Assert.Equal("/bin/sh exited with code 7:\nline5\nline6\nline7", error.Message);
        Assert.Equal(7, error.ExitCode);
        Assert.Same(call, error.Call);
    }

    [Fact]
    public async Task RunAsync_returns_a_non_zero_exit_without_throwing()
    {
        // act
        var result = await ProgramRunner.RunAsync(new ProgramCall("/bin/sh", ["-c", "echo out; exit 3"]), Token);

        // assert
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Output);
    }

    [Fact]
    public async Task A_missing_program_cannot_start_and_the_message_says_which()
    {
        // act
        var error = await Assert.ThrowsAsync<ProgramException>(() => ProgramRunner.RunAsync(new ProgramCall("/nonexistent/kairos-tool", ["x"]), Token));

        // assert
        Assert.Null(error.ExitCode);
        Assert.StartsWith("cannot start /nonexistent/kairos-tool: not found (is it installed?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_with_a_grace_sends_SIGTERM_to_the_group_and_the_program_ends_on_it()
    {
        // arrange
        var stopped = Path.Combine(_directory, "got-sigterm");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var phases = new List<StopPhase>();
        var call = new ProgramCall("/bin/sh", ["-c", $"trap 'touch {stopped}; exit 0' TERM; echo ready; while :; do sleep 0.1; done"])
        {
            StopGrace = TimeSpan.FromSeconds(20),
            OnStop = phases.Add,
            OnLine = line => cancel.Cancel(),
        };

        // act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProgramRunner.RunAsync(call, cancel.Token));

        // assert
        Assert.True(File.Exists(stopped));
        Assert.Equal([StopPhase.Terminating], phases);
    }

    [Fact]
    public async Task A_program_that_ignores_SIGTERM_is_killed_with_its_children_after_the_grace()
    {
        // arrange
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var phases = new List<StopPhase>();
        var child = 0;
        var call = new ProgramCall("/bin/sh", ["-c", "trap '' TERM; sleep 33 & echo $!; wait; wait"])
        {
            StopGrace = TimeSpan.FromMilliseconds(300),
            OnStop = phases.Add,
            OnLine = line =>
            {
                child = int.Parse(line);
                cancel.Cancel();
            },
        };

        // act
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProgramRunner.RunAsync(call, cancel.Token));

        // assert
        Assert.Equal([StopPhase.Terminating, StopPhase.Killing], phases);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(child > 1);
        Assert.False(IsAlive(child), $"the background child {child} outlived the kill");
    }

    private static bool IsAlive(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            // a killed child is a zombie until init reaps it: 'Z' counts as gone
            var status = $"/proc/{pid}/stat";
            if (!File.Exists(status) || File.ReadAllText(status).Split(") ")[^1].StartsWith('Z'))
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return true;
    }
}

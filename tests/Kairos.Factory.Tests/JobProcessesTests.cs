using Kairos.Factory.Jobs;

namespace Kairos.Factory.Tests;

/// <summary>A pipeline step on the project's runner: its lines in the job log, its failure as a step failure, its cancel as SIGTERM first.</summary>
public sealed class JobProcessesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kf-steps-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_failing_step_logs_every_line_and_fails_naming_the_step_the_program_and_the_exit_code()
    {
        // arrange
        var (processes, log) = Steps(CancellationToken.None);

        // act
        var error = await Assert.ThrowsAsync<StepFailedException>(() => processes.RunAsync("install", "/bin/sh", ["-c", "echo \"$KAIROS_FACTORY_JOB\"; for i in 1 2 3 4 5 6; do echo line$i; done; exit 100"]));

        // assert
        Assert.Equal("install: /bin/sh exited with code 100:\nline2\nline3\nline4\nline5\nline6", error.Message);
        var text = File.ReadAllText(log);
        Assert.Contains("[install] $ /bin/sh -c 'echo \"$KAIROS_FACTORY_JOB\"; for i in 1 2 3 4 5 6; do echo line$i; done; exit 100'\n", text, StringComparison.Ordinal);
        Assert.Contains("[install] prefix:job1\n", text, StringComparison.Ordinal);
        Assert.Contains("[install] line1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_program_fails_the_step_saying_it_cannot_start()
    {
        // arrange
        var (processes, _) = Steps(CancellationToken.None);

        // act
        var error = await Assert.ThrowsAsync<StepFailedException>(() => processes.RunAsync("base", "/nonexistent/podman", ["images"]));

        // assert
        Assert.StartsWith("base: cannot start /nonexistent/podman: not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_step_gets_SIGTERM_first_and_the_log_says_so()
    {
        // arrange
        using var cancel = new CancellationTokenSource();
        var (processes, log) = Steps(cancel.Token);
        var stopped = Path.Combine(_directory, "got-sigterm");

        // act
        var running = processes.RunAsync("init", "/bin/sh", ["-c", $"trap 'touch {stopped}; exit 0' TERM; while :; do sleep 0.1; done"]);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        // assert
        Assert.True(File.Exists(stopped));
        Assert.Contains("[init] cancelled: SIGTERM to the step's process group, SIGKILL after 10 s\n", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.DoesNotContain("still running after SIGTERM", File.ReadAllText(log), StringComparison.Ordinal);
    }

    private (JobProcesses Processes, string Log) Steps(CancellationToken cancellation)
    {
        var path = Path.Combine(_directory, "build.log");
        return (new JobProcesses("prefix:", "job1", new JobLog(path, "job1", new LogHub(), new SecretMask([])), cancellation), path);
    }
}

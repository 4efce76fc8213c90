using System.Text;
using CliWrap;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Runs one pipeline command (an argument list, never a shell string) with every output line in the job log.
/// Each command leads its own process group (started under <c>setsid</c>) and carries <c>KAIROS_FACTORY_JOB</c>, so a
/// cancel reaches the whole tree: SIGTERM to the group first (kairos-stages then stops its own children and undoes
/// its mounts), SIGKILL to the group and to every marked process after a grace period.
/// </summary>
public sealed class JobProcesses(string markerPrefix, string jobId, JobLog log, CancellationToken cancellation)
{
    public const string MarkerVariable = "KAIROS_FACTORY_JOB";

    /// <summary>How long a cancelled step may take to stop on SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    public string Marker => markerPrefix + jobId;

    /// <summary>Runs and throws <see cref="StepFailedException"/> on a non-zero exit or a missing program, OperationCanceledException on cancel.</summary>
    public async Task RunAsync(string step, string program, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        cancellation.ThrowIfCancellationRequested();
        log.Write(step, "$ " + string.Join(' ', new[] { program }.Concat(arguments).Select(Quote)));
        if (Kairos.Stages.Platform.ProgramLookup.Find(program) is null)
        {
            throw new StepFailedException($"{step}: cannot start {program}: not found (is it installed?)");
        }

        var tail = new Queue<string>();
        void Line(string line)
        {
            log.Write(step, line);
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 5)
                {
                    tail.Dequeue();
                }
            }
        }

        var command = Cli.Wrap(Setsid ?? program)
            .WithArguments(Setsid is null ? arguments : [program, .. arguments])
            .WithEnvironmentVariables(env => env.Set(MarkerVariable, Marker))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Line, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Line, Encoding.UTF8));
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        CommandTask<CommandResult> running;
        try
        {
            // not CliWrap's own cancel: it kills the tree it sees at that instant, and a forking step (dracut, apt)
            // makes children after it; a child left alive keeps the output pipe open and the step never ends
            running = command.ExecuteAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new StepFailedException($"{step}: cannot start {program}: {exception.Message} (is it installed?)");
        }

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult()))
        {
            await Task.WhenAny(running.Task, cancelled.Task);
        }

        if (!running.Task.IsCompleted)
        {
            await StopAsync(step, running.ProcessId, running.Task);
            throw new OperationCanceledException(cancellation);
        }

        var result = await running;
        cancellation.ThrowIfCancellationRequested();
        if (result.ExitCode != 0)
        {
            string last;
            lock (tail)
            {
                last = string.Join(" | ", tail);
            }

            throw new StepFailedException($"{step}: {program} exited with code {result.ExitCode}: {last}");
        }
    }

    private async Task StopAsync(string step, int leader, Task running)
    {
        log.Write(step, $"cancelled: SIGTERM to the step's process group, SIGKILL after {StopGrace.TotalSeconds:0} s");
        if (Setsid is null)
        {
            // no group of its own: signal the leader, the marker sweep below gets the rest
            _ = ProcessGroup.SignalProcess(leader, ProcessGroup.Terminate);
        }
        else
        {
            _ = ProcessGroup.Signal(leader, ProcessGroup.Terminate);
        }

        if (await EndsWithin(running, StopGrace))
        {
            LeftoverCleaner.KillMarked(Marker);
            return;
        }

        log.Write(step, "still running after SIGTERM: killing its process group and every process of the build");
        _ = ProcessGroup.Signal(leader, ProcessGroup.Kill);
        _ = ProcessGroup.SignalProcess(leader, ProcessGroup.Kill);
        LeftoverCleaner.KillMarked(Marker);
        if (!await EndsWithin(running, TimeSpan.FromSeconds(10)))
        {
            // a process outside the group and without the marker holds the output pipe: give up on the step, the cleaner sweeps the work dir's chroot
            log.Write(step, "the step's output stayed open after the kill; leaving it to the clean-up");
        }
    }

    private static async Task<bool> EndsWithin(Task task, TimeSpan limit)
    {
        await Task.WhenAny(task, Task.Delay(limit));
        return task.IsCompleted;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

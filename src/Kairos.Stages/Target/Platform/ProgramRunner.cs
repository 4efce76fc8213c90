using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// The one way this repository runs a program (the targets' shells, media's tools, the Factory's pipeline steps):
/// CliWrap with an argument list, stdout and stderr merged line by line (each line captured and passed to
/// <see cref="ProgramCall.OnLine"/>), stdin empty. The program leads its own process group (started under
/// <c>setsid</c> when the host has it), so a cancel or a timeout reaches the whole tree, children forked late included.
/// </summary>
public static partial class ProgramRunner
{
    /// <summary>The exit code of a program killed by its <see cref="ProgramCall.Timeout"/> (timeout(1)'s).</summary>
    public const int TimeoutExitCode = 124;

    /// <summary>How long the runner waits for the output to close after SIGKILL before it gives up on the program.</summary>
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="call"/> and returns what it did, whatever its exit code. Throws <see cref="ProgramException"/> when it cannot start, OperationCanceledException on cancel.</summary>
    public static async Task<CommandResult> RunAsync(ProgramCall call, CancellationToken cancellationToken) =>
        (await ExecuteAsync(call, cancellationToken)).Result;

    /// <summary>As <see cref="RunAsync"/>, and a non-zero exit (a timeout included) throws <see cref="ProgramException"/> naming the program, its exit code and the output's last lines.</summary>
    public static async Task<CommandResult> RunCheckedAsync(ProgramCall call, CancellationToken cancellationToken)
    {
        var (result, tail) = await ExecuteAsync(call, cancellationToken);
        return result.Succeeded ? result : throw ProgramException.Failed(call, result.ExitCode, tail);
    }

    private static async Task<(CommandResult Result, string[] Tail)> ExecuteAsync(ProgramCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ProgramLookup.Find(call.Program) is null)
        {
            // under setsid a missing program would be setsid's exit 127; say what is missing instead
            throw ProgramException.NotStarted(call, "not found");
        }

        var output = new Output(call);
        var setsid = HostTools.Find("setsid");
        var command = Cli.Wrap(setsid ?? call.Program)
            .WithArguments(setsid is null ? call.Arguments : [call.Program, .. call.Arguments])
            .WithEnvironmentVariables(call.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(output.Add, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(output.Add, Encoding.UTF8));
        if (call.WorkingDirectory is not null)
        {
            command = command.WithWorkingDirectory(call.WorkingDirectory);
        }

        using var forceful = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var clock = Stopwatch.StartNew();
        CommandTask<CliWrap.CommandResult> running;
        try
        {
            // CliWrap's own cancel (forceful) only comes after the group's signals: it kills the tree it sees at that
            // instant, and a forking program (dracut, apt) makes children after it that would keep the output open
            running = command.ExecuteAsync(forceful.Token);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw ProgramException.NotStarted(call, exception.Message, exception);
        }

        if (call.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Token.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(running.Task, stopped.Task);
        }

        if (!running.Task.IsCompleted)
        {
            await StopAsync(call, running.ProcessId, ownGroup: setsid is not null, running.Task, forceful);
            cancellationToken.ThrowIfCancellationRequested();
            output.Add($"kairos-stages: killed after the {call.Timeout:c} timeout");
            return (new CommandResult(TimeoutExitCode, output.Text(), clock.Elapsed) { TimedOut = true }, output.Tail());
        }

        var result = await running;
        return (new CommandResult(result.ExitCode, output.Text(), clock.Elapsed), output.Tail());
    }

    /// <summary>SIGTERM to the group and a grace period when the call asks for one, then SIGKILL to the group and the program.</summary>
    private static async Task StopAsync(ProgramCall call, int leader, bool ownGroup, Task running, CancellationTokenSource forceful)
    {
        if (call.StopGrace > TimeSpan.Zero)
        {
            call.OnStop?.Invoke(StopPhase.Terminating);
            _ = Native.Signal(ownGroup ? -leader : leader, Native.SignalTerminate);
            if (await EndsWithin(running, call.StopGrace))
            {
                return;
            }
        }

        call.OnStop?.Invoke(StopPhase.Killing);
        if (ownGroup)
        {
            _ = Native.Signal(-leader, Native.SignalKill);
        }

        _ = Native.Signal(leader, Native.SignalKill);
        await forceful.CancelAsync();
        if (!await EndsWithin(running, AfterKill))
        {
            call.OnStop?.Invoke(StopPhase.Abandoned);
        }
    }

    private static async Task<bool> EndsWithin(Task task, TimeSpan limit)
    {
        await Task.WhenAny(task, Task.Delay(limit));
        return task.IsCompleted;
    }

    /// <summary>The merged output as it arrives from two pipes: all of it (when the call keeps it) and its last non-empty lines.</summary>
    private sealed class Output(ProgramCall call)
    {
        private readonly Lock _gate = new();
        private readonly StringBuilder? _all = call.CaptureOutput ? new StringBuilder() : null;
        private readonly Queue<string> _tail = new();

        public void Add(string line)
        {
            lock (_gate)
            {
                _all?.Append(line).Append('\n');
                if (line.Length > 0)
                {
                    _tail.Enqueue(line);
                    if (_tail.Count > call.TailLines)
                    {
                        _tail.Dequeue();
                    }
                }
            }

            call.OnLine?.Invoke(line);
        }

        public string Text()
        {
            lock (_gate)
            {
                return _all?.ToString() ?? "";
            }
        }

        public string[] Tail()
        {
            lock (_gate)
            {
                return [.. _tail];
            }
        }
    }
}

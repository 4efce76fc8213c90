using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Kairos.Stages.Platform;

/// <summary>
/// Runs one program through CliWrap: stdout and stderr merged line by line into one captured
/// output (each line also passed to <see cref="CommandRequest.OnOutput"/>), stdin empty. The
/// program starts under <c>setsid</c> when the host has it, so cancellation and timeouts kill the
/// whole process group, background children included.
/// </summary>
internal static class ProcessRunner
{
    public const int TimeoutExitCode = 124;

    /// <summary>
    /// The script as given to <c>sh -c</c>: stderr joins stdout inside the shell so the merged output
    /// keeps the real order (two pipes read separately would not). Same line, so line numbers in
    /// the shell's own error messages do not move.
    /// </summary>
    public static string Merged(string script) => "exec 2>&1; " + script;

    public static async Task<CommandResult> RunAsync(
        IReadOnlyList<string> argv,
        IReadOnlyDictionary<string, string?> environment,
        CommandRequest request,
        CancellationToken cancellationToken)
    {
        var setsid = HostTools.Find("setsid");
        var arguments = setsid is null ? argv : [setsid, .. argv];
        var output = new StringBuilder();
        var gate = new Lock();
        void OnLine(string line)
        {
            lock (gate)
            {
                output.Append(line).Append('\n');
            }

            request.OnOutput?.Invoke(line);
        }

        var command = Cli.Wrap(arguments[0])
            .WithArguments(arguments.Skip(1))
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OnLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnLine));

        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        if (request.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        var clock = Stopwatch.StartNew();
        var task = command.ExecuteAsync(linked.Token);
        var processId = task.ProcessId;
        using var killer = setsid is null ? default : linked.Token.Register(() => Native.KillGroup(processId));
        try
        {
            var result = await task;
            return new CommandResult(result.ExitCode, Snapshot(output, gate), clock.Elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            OnLine($"kairos-stages: killed after the {request.Timeout:c} timeout");
            return new CommandResult(TimeoutExitCode, Snapshot(output, gate), clock.Elapsed) { TimedOut = true };
        }
    }

    private static string Snapshot(StringBuilder output, Lock gate)
    {
        lock (gate)
        {
            return output.ToString();
        }
    }
}

using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Runs one pipeline command (an argument list, never a shell string) through <see cref="ProgramRunner"/> with every
/// output line in the job log. Each command leads its own process group and carries <c>KAIROS_FACTORY_JOB</c>, so a
/// cancel reaches the whole tree: SIGTERM to the group first (kairos-stages then stops its own children and undoes
/// its mounts), SIGKILL to the group and to every marked process after a grace period.
/// </summary>
public sealed class JobProcesses(string markerPrefix, string jobId, JobLog log, CancellationToken cancellation)
{
    public const string MarkerVariable = "KAIROS_FACTORY_JOB";

    /// <summary>How long a cancelled step may take to stop on SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>How many of a failed step's last output lines its message shows (the log holds them all).</summary>
    private const int TailLines = 5;

    public string Marker => markerPrefix + jobId;

    /// <summary>The same job's runner without the cancel: for the clean-up a cancelled or failed build still owes (its per-job image names).</summary>
    public JobProcesses ForCleanup() => new(markerPrefix, jobId, log, CancellationToken.None);

    /// <summary>
    /// Runs and throws <see cref="StepFailedException"/> on a non-zero exit or a missing program, OperationCanceledException on cancel.
    /// <paramref name="environment"/>: variables set for this command besides the marker (e.g. DOCKER_BUILDKIT), fixed by the server, never a request value.
    /// </summary>
    public Task RunAsync(string step, string program, IReadOnlyList<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ExecuteAsync(step, program, arguments, workingDirectory, environment, capture: false);

    /// <summary>Like <see cref="RunAsync"/> for a short query (an image's ID): its output, which is also in the log.</summary>
    public async Task<string> OutputOfAsync(string step, string program, IReadOnlyList<string> arguments) =>
        (await ExecuteAsync(step, program, arguments, null, null, capture: true)).Output;

    private async Task<CommandResult> ExecuteAsync(string step, string program, IReadOnlyList<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment, bool capture)
    {
        cancellation.ThrowIfCancellationRequested();
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { [MarkerVariable] = Marker };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var call = new ProgramCall(program, arguments)
        {
            Environment = variables,
            WorkingDirectory = workingDirectory,
            OnLine = line => log.Write(step, line),
            CaptureOutput = capture,
            StopGrace = StopGrace,
            OnStop = phase => Stopping(step, phase),
            TailLines = TailLines,
        };
        log.Write(step, "$ " + call.CommandLine);
        CommandResult result;
        try
        {
            result = await ProgramRunner.RunCheckedAsync(call, cancellation);
        }
        catch (ProgramException exception) when (exception.ExitCode is not null && cancellation.IsCancellationRequested)
        {
            // it ended on its own as the cancel came: a cancel, not a failure
            throw new OperationCanceledException(cancellation);
        }
        catch (ProgramException exception)
        {
            throw new StepFailedException($"{step}: {exception.Message}");
        }
        catch (OperationCanceledException)
        {
            // what left the step's group but kept the marker (a daemon a build step started)
            LeftoverCleaner.KillMarked(Marker);
            throw;
        }

        cancellation.ThrowIfCancellationRequested();
        return result;
    }

    private void Stopping(string step, StopPhase phase)
    {
        switch (phase)
        {
            case StopPhase.Terminating:
                log.Write(step, $"cancelled: SIGTERM to the step's process group, SIGKILL after {StopGrace.TotalSeconds:0} s");
                break;
            case StopPhase.Killing:
                log.Write(step, "still running after SIGTERM: killing its process group and every process of the build");
                LeftoverCleaner.KillMarked(Marker);
                break;
            case StopPhase.Abandoned:
                // a process outside the group and without the marker holds the output pipe: give up on the step, the cleaner deletes its work dir
                log.Write(step, "the step's output stayed open after the kill; leaving it to the clean-up");
                break;
        }
    }
}

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// One program to run through <see cref="ProgramRunner"/>: a program and its argument list (never a shell string;
/// a target that wants a shell says <c>/bin/sh -c</c> itself), with what the caller wants around it.
/// </summary>
public sealed record ProgramCall(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables set (a null value removes one) on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public string? WorkingDirectory { get; init; }

    /// <summary>Killed when it runs longer; the result then says <see cref="CommandResult.TimedOut"/> with exit code 124.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Called with each output line (stdout and stderr merged) as it arrives.</summary>
    public Action<string>? OnLine { get; init; }

    /// <summary>Keep the whole output in <see cref="CommandResult.Output"/>; false keeps only the tail for the error message (a long build's log goes to <see cref="OnLine"/>).</summary>
    public bool CaptureOutput { get; init; } = true;

    /// <summary>On cancel: SIGTERM to the program's process group, SIGKILL when it has not ended after this long; zero: SIGKILL at once.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.Zero;

    /// <summary>Told each phase of a stop (to log it, or to sweep processes the caller marked).</summary>
    public Action<StopPhase>? OnStop { get; init; }

    /// <summary>How many of the last output lines a <see cref="ProgramException"/> shows.</summary>
    public int TailLines { get; init; } = 15;

    /// <summary>The command line as a shell would read it, for logs and error messages.</summary>
    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

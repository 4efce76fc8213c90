namespace Kairos.Stages.Target.Platform;

/// <summary>A program could not start, or ended with a non-zero exit code: the message names the program, the exit code and the output's last lines.</summary>
public sealed class ProgramException(string message, ProgramCall call, int? exitCode, Exception? inner = null) : Exception(message, inner)
{
    public ProgramCall Call { get; } = call;

    /// <summary>The program's exit code; null when it never started.</summary>
    public int? ExitCode { get; } = exitCode;

    public static ProgramException NotStarted(ProgramCall call, string reason, Exception? inner = null) =>
        new($"cannot start {call.Program}: {reason} (is it installed? build/install-deps.sh lists the packages)", call, null, inner);

    public static ProgramException Failed(ProgramCall call, int exitCode, IReadOnlyList<string> tail) =>
        new($"{call.Program} exited with code {exitCode}" + (tail.Count > 0 ? ":\n" + string.Join('\n', tail) : ""), call, exitCode);
}

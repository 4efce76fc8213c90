namespace Kairos.Stages.Target.Platform;

/// <summary>The root is "/" (inside a container): commands run as <c>/bin/sh -c script</c> directly, with the process environment plus the request's.</summary>
public sealed class LocalTarget : ITarget
{
    public string Root => "/";

    public IRootFileSystem Files { get; } = new RootFileSystem("/");

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var environment = request.Environment.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        return ProgramRunner.RunAsync(Shell("/bin/sh", [], request, environment), cancellationToken);
    }

    /// <summary>
    /// <c>PROGRAM ARGS… -c SCRIPT</c> with the request's timeout and output callback. The script as the shell gets it starts
    /// with <c>exec 2>&amp;1</c>: stderr joins stdout inside the shell so the merged output keeps the real order (two pipes
    /// read separately would not). Same line, so line numbers in the shell's own error messages do not move.
    /// </summary>
    internal static ProgramCall Shell(string program, IReadOnlyList<string> arguments, CommandRequest request, IReadOnlyDictionary<string, string?> environment) =>
        new(program, [.. arguments, "-c", "exec 2>&1; " + request.Script])
        {
            Environment = environment,
            Timeout = request.Timeout,
            OnLine = request.OnOutput,
        };
}

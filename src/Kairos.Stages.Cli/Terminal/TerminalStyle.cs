namespace Kairos.Stages.Cli.Terminal;

/// <summary>
/// How progress is shown on stderr: <see cref="Live"/> redraws one status line (a terminal),
/// otherwise plain lines with heartbeats (build logs, CI); <see cref="Color"/> for the status
/// words; <see cref="Quiet"/> keeps finished steps and errors only.
/// </summary>
public sealed record TerminalStyle(bool Live, bool Color, bool Quiet, int Width = 80)
{
    /// <summary>Plain lines, no colour: what a log file or a test's writer gets.</summary>
    public static TerminalStyle Plain { get; } = new(false, false, false);

    /// <summary>
    /// The style for <paramref name="error"/>: live and coloured only when it is the process's stderr and
    /// that is a terminal (not TERM=dumb); <c>--color always|never</c> overrides, <c>NO_COLOR</c> turns auto off.
    /// </summary>
    public static TerminalStyle For(TextWriter error, string color, bool quiet)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        var colored = color switch
        {
            "always" => true,
            "never" => false,
            _ => terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        };
        return new TerminalStyle(terminal && !quiet, colored, quiet, terminal ? Columns() : 80);
    }

    private static int Columns()
    {
        try
        {
            return Console.WindowWidth is > 20 and var width ? width : 80;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }
}

using System.Text;

namespace Kairos.Factory.Jobs;

/// <summary>One job's log file (<c>jobs/ID/build.log</c>): timestamped lines, secrets masked, followers woken on each write.</summary>
public sealed partial class JobLog(string path, string jobId, LogHub hub, SecretMask mask)
{
    private readonly Lock _gate = new();

    public string Path => path;

    /// <summary>This job's secrets mask (also applied to its failure message).</summary>
    public SecretMask Mask => mask;

    // no byte-order mark: the log is read by byte offset and its first line goes out as it is
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Appends <paramref name="line"/>; a text of several lines (any line ending) becomes several log lines, each stamped,
    /// so no carriage return ever reaches a log stream (SSE would read one as the end of a field).</summary>
    public void Write(string step, string line)
    {
        var stamp = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{step}] ";
        var text = new StringBuilder();
        foreach (var part in TerminalControls().Replace(mask.Apply(line).ReplaceLineEndings("\n"), "").Split('\n'))
        {
            text.Append(stamp).Append(part).Append('\n');
        }

        lock (_gate)
        {
            File.AppendAllText(path, text.ToString(), Utf8);
        }

        hub.Notify(jobId);
    }

    /// <summary>
    /// What a terminal would act on: ANSI escape sequences (CSI such as colours and cursor moves, OSC such as window
    /// titles, other ESC sequences) and C0 control characters other than tab and line feed; none of it reaches a log,
    /// a browser or an SSE stream.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[@-Z\\-_]?|\x9B[0-?]*[ -/]*[@-~]|[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")]
    private static partial System.Text.RegularExpressions.Regex TerminalControls();
}

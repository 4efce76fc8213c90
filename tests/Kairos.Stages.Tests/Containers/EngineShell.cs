using System.Diagnostics;

namespace Kairos.Stages.Tests.Containers;

/// <summary>Runs a container engine's command line (optionally fed by <c>producer |</c>) through bash, stdout and stderr interleaved.</summary>
internal static class EngineShell
{
    public static EngineResult Run(string[] command, string[]? producer, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -o pipefail; exec 2>&1; " + (producer is null ? "" : Quote(producer) + " | ") + Quote(command));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var reading = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new EngineResult(process.ExitCode, reading.Result, clock.Elapsed);
    }

    private static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}

using System.Diagnostics;

namespace Kairos.Stages.Tests.Containers;

/// <summary>Runs a container engine's command line (optionally fed by <c>producer |</c>) through bash, stdout and stderr interleaved.</summary>
internal static class EngineShell
{
    public static EngineResult Run(string[] command, string[]? producer, IReadOnlyDictionary<string, string> environment)
    {
        var clock = Stopwatch.StartNew();
        var result = Programs.Try(
            ["bash", "-c", "set -o pipefail; exec 2>&1; " + (producer is null ? "" : Quote(producer) + " | ") + Quote(command)],
            environment: environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        return new EngineResult(result.Code, result.Output, clock.Elapsed);
    }

    private static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}

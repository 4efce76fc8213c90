using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Bench.FactoryLoad;

/// <summary>
/// The server's own time per request, from its request log (<c>HTTP GET PATH responded 200 in
/// 0.1234 ms</c>): set beside the clients' latencies, it tells time spent in the endpoint from time
/// spent waiting for a CPU on a shared machine.
/// </summary>
public static partial class ServerTimings
{
    public static Latencies Read(IEnumerable<string> lines)
    {
        var latencies = new Latencies();
        foreach (var line in lines)
        {
            if (RequestLine().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var kind = match.Groups["method"].Value == "POST" ? LoadRun.Create
                : match.Groups["path"].Value.EndsWith("/logs", StringComparison.Ordinal) ? null
                : match.Groups["path"].Value == "/api/v1/builds" ? LoadRun.List
                : LoadRun.Status;
            if (kind is not null)
            {
                latencies.Add(kind, TimeSpan.FromMilliseconds(double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return latencies;
    }

    [GeneratedRegex(@"HTTP (?<method>GET|POST) (?<path>/api/v1/builds(?:/[0-9a-f]{32}(?:/logs)?)?) responded \d+ in (?<ms>[0-9.]+) ms")]
    private static partial Regex RequestLine();
}

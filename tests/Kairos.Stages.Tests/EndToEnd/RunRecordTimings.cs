using System.Globalization;
using System.Text.Json;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>The per-step time table of a run record (/etc/kairos/kairos-stages/run.json): bundled steps summed, extensions by name.</summary>
internal static class RunRecordTimings
{
    public static IReadOnlyList<(string Stage, string Step, string Name, double Seconds)> Read(string root, double atLeastSeconds = 0.05)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "etc/kairos/kairos-stages/run.json")));
        return [.. record.RootElement.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() != "skipped")
            .Select(s => (
                Stage: s.GetProperty("stage").GetString()!,
                Step: s.TryGetProperty("step", out var step) ? step.GetString()! : "(extension)",
                Name: s.GetProperty("name").GetString()!,
                Seconds: s.GetProperty("duration_ms").GetDouble() / 1000))
            .Where(s => s.Seconds >= atLeastSeconds)];
    }

    public static string Table(IEnumerable<(string Stage, string Step, string Name, double Seconds)> rows) =>
        "| stage | step | name | s |\n|---|---|---|---|\n" + string.Concat(rows.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"| {r.Stage} | {r.Step} | {r.Name} | {r.Seconds:F2} |\n")));
}

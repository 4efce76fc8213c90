using System.Text.Json;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>What the real apt-get reported through <c>--output json</c>: the step-progress counts of package steps.</summary>
internal static class AptProgressEvents
{
    /// <summary>
    /// Asserts that the step installing the most packages reported downloads, unpacks and set-ups
    /// from apt itself, and that its set-up count reached N of N; returns N.
    /// </summary>
    public static long AssertReachedAll(string jsonLines)
    {
        var work = jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "step-progress" && e.TryGetProperty("work", out var w) && w.GetProperty("unit").GetString() == "packages")
            .Select(e => (Step: e.GetProperty("id").GetString()!, Work: e.GetProperty("work")))
            .Select(e => (e.Step, Phase: e.Work.GetProperty("phase").GetString()!, Done: e.Work.GetProperty("done").GetInt64(), Total: e.Work.TryGetProperty("total", out var t) ? t.GetInt64() : -1))
            .ToList();
        Assert.NotEmpty(work);
        var biggest = work.MaxBy(w => w.Total);
        var steps = work.Where(w => w.Step == biggest.Step).ToList();
        Assert.Contains(steps, w => w.Phase == "downloaded");
        Assert.Contains(steps, w => w.Phase == "unpacked");
        Assert.Equal(("set up", biggest.Total, biggest.Total), (steps[^1].Phase, steps[^1].Done, steps[^1].Total));
        Assert.True(biggest.Total > 10, $"the base packages step counted only {biggest.Total} packages");
        return biggest.Total;
    }
}

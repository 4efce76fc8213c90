using System.Text.Json;
using Kairos.Stages.Engine.Recording;

namespace Kairos.Stages.Tests.Recorded;

/// <summary>
/// plan says what run will do: for the bundled stages on every recorded target, the plan's decision
/// for each step (run, run when a run-time condition holds, or skip with a reason) is what the recorded
/// run then did with it, step for step. The recorded run answers every command, each <c>if</c> included,
/// with exit 0, so a step that the plan runs only when its <c>if</c> holds runs.
/// </summary>
public sealed class RecordedPlanAgreementTests
{
    private static readonly string Artifacts = FixtureArtifacts.Create();

    public static TheoryData<string, string> Targets => new()
    {
        { "ubuntu-22.04", "" }, { "ubuntu-24.04", "" }, { "ubuntu-24.04", "k3s" }, { "debian-12", "" }, { "debian-13", "" },
        { "fedora-41", "" }, { "rocky-9", "" }, { "opensuse-leap-15.6", "" }, { "alpine-3.21", "" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task The_plan_decides_every_step_as_the_recorded_run_then_does(string target, string kubernetes)
    {
        // arrange
        string[] build = ["--stage", "install", "--version", "1.0.0", .. kubernetes.Length > 0 ? new[] { "--kubernetes", kubernetes } : []];

        // act
        using var run = await RecordedRun.StartAsync(target, build, [.. build, "--artifacts-dir", Artifacts]);

        // assert
        Assert.True(run.Code == 0, run.Error);
        using var plan = JsonDocument.Parse(run.PlanJson);
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.Root, RunRecord.PathInRoot.TrimStart('/')), TestContext.Current.CancellationToken));
        var done = record.RootElement.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => (s.GetProperty("stage").GetString()!, s.GetProperty("id").GetString()!), s => s);
        var entries = plan.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(entries.Count, done.Count);
        foreach (var entry in entries)
        {
            var key = (entry.GetProperty("stage").GetString()!, entry.GetProperty("id").GetString()!);
            Assert.True(done.TryGetValue(key, out var step), $"{key}: planned but not in the run record");
            var status = step.GetProperty("status").GetString();
            var runtime = entry.GetProperty("runtime_conditions").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
            if (entry.GetProperty("decision").GetString() == "skip")
            {
                Assert.True(status == "skipped", $"{key}: plan skips it ({entry.GetProperty("reason")}) but the run {status}");
                Assert.Equal(entry.GetProperty("reason").GetString(), step.GetProperty("reason").GetString());
            }
            else if (runtime.All(k => k == "if"))
            {
                Assert.True(status == "succeeded", $"{key}: plan runs it (when {string.Join(", ", runtime)}) but the run {status}: {(step.TryGetProperty("reason", out var r) ? r : default)}");
            }
            else
            {
                // only the run can tell: a skip must then come from one of the conditions the plan left to the run
                Assert.True(status == "succeeded" || runtime.Any(k => step.GetProperty("reason").GetString()!.StartsWith(k!, StringComparison.Ordinal)), $"{key}: {status}");
            }
        }
    }
}

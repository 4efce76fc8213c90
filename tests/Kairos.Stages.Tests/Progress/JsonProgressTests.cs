using System.Text.Json;
using Json.Schema;
using Kairos.Stages.Engine.Recording;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Stages.Tests.Progress;

/// <summary><c>--output json</c>: step-progress events on changes and as 10 s heartbeats, valid against schemas/run-events.schema.json.</summary>
public sealed class JsonProgressTests
{
    // A registry of its own: the global one refuses a second schema with the same $id (other tests load it too).
    private static JsonSchema Schema() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "run-events.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static List<JsonElement> Events(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Step_progress_events_validate_and_their_counts_reach_n_of_n_before_the_step_ends()
    {
        // arrange
        var output = new StringWriter();

        // act: counting for 6 s, then 30 s of silence
        await ProgressFixtures.RunAsync(new JsonEvents(output), new FakeTimeProvider(), slowSeconds: 36, total: 83, countingSeconds: 6);

        // assert
        var events = Events(output);
        var schema = Schema();
        Assert.All(events, e => Assert.True(schema.Evaluate(e, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid, e.GetRawText()));
        var progress = events.Where(e => e.GetProperty("event").GetString() == "step-progress").ToList();
        Assert.All(progress, p => Assert.Equal("slow", p.GetProperty("name").GetString()));
        var last = progress[^1].GetProperty("work");
        Assert.Equal(("set up", 83, 83, "packages"), (last.GetProperty("phase").GetString(), last.GetProperty("done").GetInt64(), last.GetProperty("total").GetInt64(), last.GetProperty("unit").GetString()));
        Assert.Equal("working on part 6", progress[^1].GetProperty("line").GetString());
        var stepEnd = events.FindIndex(e => e.GetProperty("event").GetString() == "step-end");
        Assert.True(events.IndexOf(progress[^1]) < stepEnd);

        // the silence: heartbeats no closer than 10 s apart
        var elapsed = progress.Select(p => p.GetProperty("elapsed_ms").GetDouble()).ToList();
        var quiet = elapsed.Where(ms => ms > 6000).ToList();
        Assert.Equal([7000, 17000, 27000], quiet);
    }

    [Fact]
    public async Task Quiet_json_has_no_step_progress_events()
    {
        var output = new StringWriter();

        await ProgressFixtures.RunAsync(new JsonEvents(output, withProgress: false), new FakeTimeProvider(), slowSeconds: 30);

        Assert.DoesNotContain(Events(output), e => e.GetProperty("event").GetString() == "step-progress");
        Assert.Contains(Events(output), e => e.GetProperty("event").GetString() == "step-end");
    }
}

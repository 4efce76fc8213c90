using Json.Schema;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using static Kairos.Stages.Tests.Execution.ExecutorFixtures;

namespace Kairos.Stages.Tests.Execution;

public sealed class JsonEventsSchemaTests
{
    [Fact]
    public async Task Every_json_event_validates_against_the_published_schema()
    {
        // arrange
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "run-events.schema.json")));
        var output = new StringWriter();
        var plan = Planner.Build(
            [PlanFixturesExt.Ext("a.yaml", "install", Step("ok", "commands"), Step("skip-me", "if", "commands"), Step("bad", "commands"))],
            "install", SkipSet.Empty).Plan!;
        var executor = new Executor([new NameCondition()], [new RecordingAction("commands", [], "bad")], new JsonEvents(output));

        // act
        await executor.RunAsync(plan, NewContext(), keepGoing: true, CancellationToken.None);

        // assert
        var lines = output.ToString().Trim().Split('\n');
        Assert.Equal(8, lines.Length);
        foreach (var line in lines)
        {
            var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(line).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, line);
        }
    }
}

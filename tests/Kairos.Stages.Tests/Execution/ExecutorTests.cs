using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using static Kairos.Stages.Tests.Execution.ExecutorFixtures;

namespace Kairos.Stages.Tests.Execution;

public sealed class ExecutorTests
{
    private static Plan TwoStagePlan() => Planner.Build(
    [
        PlanFixturesExt.Ext("a.yaml", "install", Step("one", "commands", "files"), Step("two", "commands"), Step("skip-me", "if", "commands")),
        PlanFixturesExt.Ext("b.yaml", "after-install", Step("three", "commands")),
    ], "install", SkipSet.Empty).Plan!;

    [Fact]
    public async Task Actions_run_in_catalog_order_not_yaml_order()
    {
        var log = new List<string>();
        var executor = new Executor([], [new RecordingAction("files", log), new RecordingAction("commands", log)], new EventLog());

        await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        Assert.Equal(["files:one", "commands:one"], log.Take(2));
    }

    [Fact]
    public async Task A_failing_condition_skips_the_step_with_its_reason()
    {
        var log = new List<string>();
        var executor = new Executor([new NameCondition()], [new RecordingAction("commands", log)], new EventLog());

        var result = await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        var skipped = result.Steps.Single(s => s.Entry.Step.Name == "skip-me");
        Assert.Equal(StepStatus.Skipped, skipped.Status);
        Assert.Equal("if said no", skipped.SkipReason);
        Assert.DoesNotContain("commands:skip-me", log);
        Assert.Equal(RunStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Fail_fast_stops_at_the_first_failure()
    {
        var log = new List<string>();
        var events = new EventLog();
        var executor = new Executor([], [new RecordingAction("files", log), new RecordingAction("commands", log, "one")], events);

        var result = await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["files:one", "commands:one"], log);
        Assert.Equal("one", result.FirstFailure!.Entry.Step.Name);
        Assert.All(result.Steps.Skip(1), s => Assert.Equal(StepStatus.NotRun, s.Status));
        Assert.Equal("finish Failed", events.Events[^1]);
    }

    [Fact]
    public async Task Keep_going_finishes_the_stage_then_stops_before_the_next()
    {
        var log = new List<string>();
        var executor = new Executor([], [new RecordingAction("commands", log, "one")], new EventLog());

        var result = await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: true, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("commands:two", log);
        Assert.DoesNotContain("commands:three", log);
        Assert.Equal(StepStatus.NotRun, result.Steps.Single(s => s.Entry.Step.Name == "three").Status);
    }

    [Fact]
    public async Task Failure_report_names_step_source_command_exit_code_and_output()
    {
        var executor = new Executor([], [new RecordingAction("commands", [], "two")], new EventLog());

        var result = await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        var report = FailureReport.Format(result.FirstFailure!);
        Assert.Contains("step 'two'", report);
        Assert.Contains("ext.yaml:3:5", report);
        Assert.Contains("command: false", report);
        Assert.Contains("exit code: 1", report);
        Assert.Contains("| out", report);
    }

    [Fact]
    public async Task Json_events_are_one_object_per_line_with_types()
    {
        var output = new StringWriter();
        var executor = new Executor([new NameCondition()], [new RecordingAction("commands", [])], new JsonEvents(output));

        await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        var lines = output.ToString().Trim().Split('\n');
        var types = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal("run-start", types[0]);
        Assert.Contains("skip", types);
        Assert.Equal("run-end", types[^1]);
    }

    [Fact]
    public async Task A_signal_during_a_step_records_that_step_as_cancelled_with_the_signal_exit_code()
    {
        // arrange
        var events = new EventLog();
        var executor = new Executor([], [new InterruptedAction("two")], events);

        // act
        var result = await executor.RunAsync(TwoStagePlan(), NewContext(), keepGoing: false, CancellationToken.None);

        // assert
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(143, result.SignalExitCode);
        Assert.Equal("two", result.FirstFailure!.Entry.Step.Name);
        Assert.Equal(StepStatus.Cancelled, result.FirstFailure.Status);
        Assert.Contains("step 'two' in stage install was interrupted", FailureReport.Format(result.FirstFailure));
        Assert.Equal(["end two Cancelled", "finish Cancelled"], events.Events[^2..]);
    }
}

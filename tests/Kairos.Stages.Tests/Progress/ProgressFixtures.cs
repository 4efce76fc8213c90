using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Progress;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Execution;
using Microsoft.Extensions.Time.Testing;
using static Kairos.Stages.Tests.Execution.ExecutorFixtures;

namespace Kairos.Stages.Tests.Progress;

/// <summary>
/// A commands action that takes <paramref name="seconds"/> of a fake clock: each second it moves the
/// clock on, counts one more share of <paramref name="total"/> packages (none when 0; for the first
/// <paramref name="countingSeconds"/> seconds, then nothing: a quiet stretch) and prints a line with
/// a colour sequence and a carriage return, as tools do.
/// </summary>
internal sealed class ClockedAction(FakeTimeProvider time, int seconds, int total, int? countingSeconds = null) : IStepAction
{
    public string Key => "commands";

    public bool IsPresent(Step step) => step.KeyLocations.ContainsKey(Key);

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var counting = countingSeconds ?? seconds;
        for (var second = 1; second <= seconds; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            if (second <= counting)
            {
                if (total > 0)
                {
                    context.Progress.Work(new WorkProgress("set up", (long)second * total / counting, total, "packages"));
                }

                context.Progress.Output($"\u001b[32mworking on part {second}\u001b[0m\r");
            }
        }

        return Task.FromResult(ActionOutcome.Ok);
    }
}

internal static class ProgressFixtures
{
    /// <summary>A plan of two install steps, "slow" and "quick", run by one <see cref="ClockedAction"/> each way.</summary>
    public static Plan TwoSteps() =>
        Planner.Build([PlanFixturesExt.Ext("ext.yaml", "install", Step("slow", "commands"), Step("quick", "files"))], "install", SkipSet.Empty).Plan!;

    public static async Task RunAsync(IRunObserver observer, FakeTimeProvider time, int slowSeconds, int total = 83, int? countingSeconds = null)
    {
        IStepAction[] actions = [new ClockedAction(time, slowSeconds, total, countingSeconds), new QuickAction(time)];
        var executor = new Executor([], actions, observer, time);
        await executor.RunAsync(TwoSteps(), NewContext(), keepGoing: false, CancellationToken.None);
    }

    /// <summary>A files action that takes two seconds of the fake clock and reports nothing.</summary>
    private sealed class QuickAction(FakeTimeProvider time) : IStepAction
    {
        public string Key => "files";

        public bool IsPresent(Step step) => step.KeyLocations.ContainsKey(Key);

        public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(ActionOutcome.Ok);
        }
    }
}

using System.Diagnostics;
using Kairos.Stages.Conditions;
using Kairos.Stages.Planning;

namespace Kairos.Stages.Execution;

/// <summary>
/// Runs a plan stage by stage. Fail fast by default: the first failed action stops the run.
/// With keep-going, yip's semantics: every step of the stage runs, then the run stops before
/// the next stage.
/// </summary>
public sealed class Executor(IReadOnlyList<IStepCondition> conditions, IReadOnlyList<IStepAction> actions, IRunObserver observer)
{
    public async Task<RunResult> RunAsync(Plan plan, ActionContext context, bool keepGoing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<StepResult>();
        var status = RunStatus.Succeeded;
        observer.RunStarted(plan);
        var runner = new StepRunner(conditions, actions);
        try
        {
            foreach (var stage in plan.Stages)
            {
                foreach (var entry in stage.Entries)
                {
                    if (status == RunStatus.Failed && !keepGoing)
                    {
                        results.Add(new StepResult(entry, StepStatus.NotRun));
                        continue;
                    }

                    observer.StepStarted(entry);
                    var result = await runner.RunAsync(entry, context with { FailFast = !keepGoing }, cancellationToken);
                    results.Add(result);
                    observer.StepFinished(result);
                    if (result.Status == StepStatus.Failed)
                    {
                        status = RunStatus.Failed;
                    }
                }

                if (status == RunStatus.Failed)
                {
                    keepGoing = false; // finish the failing stage only, never start the next one
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
        }

        var run = new RunResult(status, results, clock.Elapsed);
        observer.RunFinished(run);
        return run;
    }
}

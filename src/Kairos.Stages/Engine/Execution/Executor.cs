using System.Diagnostics;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Execution;

/// <summary>
/// Runs a plan stage by stage. Fail fast by default: the first failed action stops the run.
/// With keep-going, yip's semantics: every step of the stage runs, then the run stops before
/// the next stage. Each running step gets a progress tracker on <c>time</c> (null: the system clock; tests pass a fake one).
/// </summary>
public sealed class Executor(IReadOnlyList<IStepCondition> conditions, IReadOnlyList<IStepAction> actions, IRunObserver observer, TimeProvider? time = null)
{
    public async Task<RunResult> RunAsync(Plan plan, ActionContext context, bool keepGoing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<StepResult>();
        var status = RunStatus.Succeeded;
        observer.RunStarted(plan);
        var runner = new StepRunner(conditions, actions);
        PlanEntry? running = null;
        var started = DateTimeOffset.UtcNow;
        int? signalExit = null;
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
                    (running, started) = (entry, DateTimeOffset.UtcNow);
                    StepResult result;
                    using (var progress = new StepProgressTracker(entry, observer, time ?? TimeProvider.System))
                    {
                        result = await runner.RunAsync(entry, context with { FailFast = !keepGoing, Progress = progress }, cancellationToken);
                        progress.Complete();
                    }

                    running = null;
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
        catch (OperationCanceledException stopped) when (cancellationToken.IsCancellationRequested || stopped is TargetInterruptedException)
        {
            // The record and the progress must say where the run stopped, not just that it did.
            status = RunStatus.Cancelled;
            signalExit = (stopped as TargetInterruptedException)?.ExitCode;
            if (running is not null)
            {
                var interrupted = new StepResult(running, StepStatus.Cancelled)
                {
                    Failures = [new ActionFailure(stopped.Message)],
                    StartedAt = started,
                    Duration = DateTimeOffset.UtcNow - started,
                };
                results.Add(interrupted);
                observer.StepFinished(interrupted);
            }
        }

        var run = new RunResult(status, results, clock.Elapsed) { SignalExitCode = signalExit };
        observer.RunFinished(run);
        return run;
    }
}

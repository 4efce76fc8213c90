using System.Diagnostics;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Steps;

namespace Kairos.Stages.Engine.Execution;

/// <summary>Runs one entry: plan skips, then conditions in yip order, then actions in yip's plugin order.</summary>
internal sealed class StepRunner(IReadOnlyList<IStepCondition> conditions, IReadOnlyList<IStepAction> actions)
{
    public async Task<StepResult> RunAsync(PlanEntry entry, ActionContext context, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (entry.SkipReason is { } planned)
        {
            return new StepResult(entry, StepStatus.Skipped) { SkipReason = planned, StartedAt = started };
        }

        foreach (var condition in conditions.Where(c => c.IsPresent(entry.Step)))
        {
            var verdict = await condition.EvaluateAsync(entry.Step, context, cancellationToken);
            if (!verdict.Run)
            {
                return new StepResult(entry, StepStatus.Skipped) { SkipReason = verdict.Reason, StartedAt = started, Duration = clock.Elapsed };
            }
        }

        var failures = new List<ActionFailure>();
        var warnings = new List<string>();
        string? failedKey = null;
        foreach (var action in actions.Where(a => a.IsPresent(entry.Step)))
        {
            var outcome = await RunActionAsync(action, entry, context, cancellationToken);
            warnings.AddRange(outcome.Warnings);
            if (!outcome.Succeeded)
            {
                failures.AddRange(outcome.Failures);
                failedKey ??= action.Key;
                if (context.FailFast)
                {
                    break;
                }
            }
        }

        return new StepResult(entry, failures.Count > 0 ? StepStatus.Failed : StepStatus.Succeeded)
        {
            Failures = failures,
            Warnings = warnings,
            FailedKey = failedKey,
            StartedAt = started,
            Duration = clock.Elapsed,
        };
    }

    private static async Task<ActionOutcome> RunActionAsync(IStepAction action, PlanEntry entry, ActionContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await action.RunAsync(entry.Step, context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            return ActionFailure.From(action.Key, ex);
        }
    }
}

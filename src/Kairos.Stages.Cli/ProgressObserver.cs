using Kairos.Stages.Execution;
using Kairos.Stages.Planning;
using Kairos.Stages.Recording;

namespace Kairos.Stages.Cli;

/// <summary>Human progress on stderr: one line per step (stage, step, ok/skip/fail, duration) and a summary.</summary>
public sealed class ProgressObserver(TextWriter error) : IRunObserver
{
    public void RunStarted(Plan plan) =>
        error.WriteLine($"kairos-stages: running {plan.Entries.Count()} steps in {plan.Stages.Count} stages ({plan.Selector})");

    public void StepStarted(PlanEntry entry)
    {
    }

    public void StepFinished(StepResult result)
    {
        var e = result.Entry;
        var status = result.Status switch
        {
            StepStatus.Succeeded => "ok  ",
            StepStatus.Skipped => "skip",
            StepStatus.Failed => "FAIL",
            StepStatus.Cancelled => "STOP",
            _ => "    ",
        };
        var step = e.StepName is { } s ? $"{s}: " : "";
        var why = result.SkipReason is { } reason ? $" ({Redaction.Redact(reason)})" : "";
        error.WriteLine($"[{e.Stage}] {status} {step}{e.DisplayName}{why}  {result.Duration.TotalSeconds:0.00}s");
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"    warning: {Redaction.Redact(warning)}");
        }

        if (result.Status is StepStatus.Failed or StepStatus.Cancelled)
        {
            error.WriteLine(Redaction.Redact(FailureReport.Format(result)));
        }
    }

    public void RunFinished(RunResult result)
    {
        var counts = string.Join(", ", result.Steps.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        error.WriteLine($"kairos-stages: {result.Status.ToString().ToLowerInvariant()} in {result.Duration.TotalSeconds:0.0}s ({counts})");
    }
}

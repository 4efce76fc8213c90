using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>
/// Human progress on stderr: one line per finished step (stage, step, ok/skip/fail, duration) and a
/// summary. While a step runs: on a terminal, one live status line redrawn under the finished ones
/// (elapsed time, counted work, last output line); elsewhere a plain heartbeat line once a step has
/// run 10 s, then at most every 10 s. Quiet: finished steps and errors only.
/// </summary>
public sealed class ProgressObserver : IRunObserver
{
    private readonly TextWriter _error;
    private readonly TerminalStyle _style;
    private readonly LiveStatusLine? _live;
    private readonly HeartbeatPolicy _heartbeat = new();
    private readonly Lock _gate = new();

    public ProgressObserver(TextWriter error, TerminalStyle? style = null)
    {
        (_error, _style) = (error, style ?? TerminalStyle.Plain);
        _live = _style.Live ? new LiveStatusLine(error, _style.Width) : null;
        LogWriter = _live is null ? null : new LiveLogWriter(_live);
    }

    /// <summary>Where log lines go on a live terminal (above the status line); null: straight to stderr.</summary>
    public TextWriter? LogWriter { get; }

    public void RunStarted(Plan plan)
    {
        if (!_style.Quiet)
        {
            Line($"kairos-stages: running {plan.Entries.Count()} steps in {plan.Stages.Count} stages ({plan.Selector})");
        }
    }

    public void StepStarted(PlanEntry entry)
    {
    }

    public void StepProgressed(StepProgress progress)
    {
        if (_style.Quiet)
        {
            return;
        }

        if (_live is not null)
        {
            _live.Draw($"[{progress.Entry.Stage}] {Paint("…   ", "36")} {Name(progress.Entry)}: {Describe(progress)}");
            return;
        }

        lock (_gate)
        {
            if (_heartbeat.Due(progress))
            {
                Line($"[{progress.Entry.Stage}] …    {Name(progress.Entry)}: {Describe(progress)}");
            }
        }
    }

    public void StepFinished(StepResult result)
    {
        var e = result.Entry;
        var status = result.Status switch
        {
            StepStatus.Succeeded => Paint("ok  ", "32"),
            StepStatus.Skipped => Paint("skip", "33"),
            StepStatus.Failed => Paint("FAIL", "1;31"),
            StepStatus.Cancelled => Paint("STOP", "1;31"),
            _ => "    ",
        };
        var why = result.SkipReason is { } reason ? $" ({Redaction.Redact(reason)})" : "";
        Line($"[{e.Stage}] {status} {Name(e)}{why}  {result.Duration.TotalSeconds:0.00}s");
        foreach (var warning in result.Warnings)
        {
            Line($"    {Paint("warning", "33")}: {Redaction.Redact(warning)}");
        }

        if (result.Status is StepStatus.Failed or StepStatus.Cancelled)
        {
            Line(Redaction.Redact(FailureReport.Format(result)));
        }
    }

    public void RunFinished(RunResult result)
    {
        var counts = string.Join(", ", result.Steps.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        Line($"kairos-stages: {result.Status.ToString().ToLowerInvariant()} in {result.Duration.TotalSeconds:0.0}s ({counts})");
    }

    /// <summary>"41/83 packages set up, 20 s" or "40 s (last output line)".</summary>
    internal static string Describe(StepProgress progress)
    {
        var elapsed = $"{(int)progress.Elapsed.TotalSeconds} s";
        return progress.Work is { } work ? $"{work}, {elapsed}"
            : progress.Line is { } line ? $"{elapsed} ({Redaction.Redact(line)})"
            : elapsed;
    }

    private static string Name(PlanEntry entry) => entry.StepName is { } step ? $"{step}: {entry.DisplayName}" : entry.DisplayName;

    private string Paint(string text, string code) => _style.Color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    private void Line(string text)
    {
        if (_live is not null)
        {
            _live.WriteLine(text);
        }
        else
        {
            _error.WriteLine(text);
        }
    }
}

using System.Text;
using System.Text.Json;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Recording;

/// <summary>
/// Writes run events as JSON Lines (schema: schemas/run-events.schema.json). A running step's
/// progress becomes a <c>step-progress</c> event when its work or last line changed, or as a
/// heartbeat after 10 s without one; <paramref name="withProgress"/> false (<c>--quiet</c>) leaves them out.
/// </summary>
public sealed class JsonEvents(TextWriter output, bool withProgress = true) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly HeartbeatPolicy _heartbeat = new();
    private StepProgress? _written;

    public void RunStarted(Plan plan) => Write("run-start", w =>
    {
        w.WriteString("stage", plan.Selector);
        w.WriteNumber("steps", plan.Entries.Count());
    });

    public void StepStarted(PlanEntry entry) => Write("step-start", w => WriteEntry(w, entry));

    public void StepProgressed(StepProgress progress)
    {
        lock (_gate)
        {
            var news = (progress.Work is not null || progress.Line is not null)
                && (_written is not { } last || !ReferenceEquals(last.Entry, progress.Entry) || last.Work != progress.Work || last.Line != progress.Line);
            if (!withProgress || !(news || _heartbeat.Due(progress)))
            {
                return;
            }

            _heartbeat.Shown(progress);
            _written = progress;
            Write("step-progress", w => WriteProgress(w, progress));
        }
    }

    private static void WriteProgress(Utf8JsonWriter w, StepProgress progress)
    {
        WriteEntry(w, progress.Entry);
        w.WriteNumber("elapsed_ms", Math.Round(progress.Elapsed.TotalMilliseconds, 1));
        if (progress.Work is { } work)
        {
            w.WriteStartObject("work");
            w.WriteString("phase", work.Phase);
            w.WriteNumber("done", work.Done);
            if (work.Total is { } total)
            {
                w.WriteNumber("total", total);
            }

            w.WriteString("unit", work.Unit);
            w.WriteEndObject();
        }

        if (progress.Line is { } line)
        {
            w.WriteString("line", Redaction.Redact(line));
        }
    }

    public void StepFinished(StepResult result) => Write(result.Status == StepStatus.Skipped ? "skip" : "step-end", w =>
    {
        WriteEntry(w, result.Entry);
        w.WriteString("status", result.Status.ToString().ToLowerInvariant());
        w.WriteNumber("duration_ms", Math.Round(result.Duration.TotalMilliseconds, 1));
        if (result.SkipReason is { } reason)
        {
            w.WriteString("reason", Redaction.Redact(reason));
        }

        if (result.Failures.Count > 0)
        {
            w.WriteString("error", Redaction.Redact(FailureReport.Format(result)));
        }

        if (result.Warnings.Count > 0)
        {
            w.WriteStartArray("warnings");
            result.Warnings.ToList().ForEach(warning => w.WriteStringValue(Redaction.Redact(warning)));
            w.WriteEndArray();
        }
    });

    public void RunFinished(RunResult result) => Write("run-end", w =>
    {
        w.WriteString("status", result.Status.ToString().ToLowerInvariant());
        w.WriteNumber("duration_ms", Math.Round(result.Duration.TotalMilliseconds, 1));
        w.WriteNumber("succeeded", result.Steps.Count(s => s.Status == StepStatus.Succeeded));
        w.WriteNumber("skipped", result.Steps.Count(s => s.Status == StepStatus.Skipped));
        w.WriteNumber("failed", result.Steps.Count(s => s.Status == StepStatus.Failed));
    });

    internal static void WriteEntry(Utf8JsonWriter w, PlanEntry entry)
    {
        w.WriteString("stage", entry.Stage);
        w.WriteString("id", entry.Id);
        w.WriteString("name", entry.Step.Name);
        if (entry.StepName is { } step)
        {
            w.WriteString("step", step);
        }

        w.WriteString("source", entry.Source.ToString());
    }

    private void Write(string type, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("event", type);
            w.WriteString("time", DateTimeOffset.UtcNow.ToString("O"));
            body(w);
            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }
}

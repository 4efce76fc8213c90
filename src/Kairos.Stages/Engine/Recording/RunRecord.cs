using System.Text;
using System.Text.Json;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Recording;

/// <summary>
/// Collects what a run did (inputs, plan, per-step status and timing, artifacts) and renders
/// /etc/kairos/kairos-stages/run.json. An observer, so it also knows where a failed run stopped.
/// </summary>
public sealed class RunRecord(BuildContext build, IReadOnlyList<string> arguments) : IRunObserver
{
    public const string PathInRoot = "/etc/kairos/kairos-stages/run.json";

    private readonly List<StepResult> _steps = [];
    private readonly List<(string Name, string Source, string Sha256)> _artifacts = [];
    private Plan? _plan;
    private readonly List<RunResult> _results = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    /// <summary>A run in phases (install, then init re-planned) reports each phase; the record keeps the first plan and adds the rest.</summary>
    public void RunStarted(Plan plan) => _plan = _plan is null ? plan : _plan with { Stages = [.. _plan.Stages, .. plan.Stages] };

    public void StepStarted(PlanEntry entry)
    {
    }

    public void StepFinished(StepResult result) => _steps.Add(result);

    public void RunFinished(RunResult result) => _results.Add(result);

    /// <summary>Records an artifact that was installed, with the checksum computed from its bytes.</summary>
    public void AddArtifact(string name, string source, string sha256) => _artifacts.Add((name, source, sha256));

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "kairos-stages");
            w.WriteString("tool_version", build.ToolVersion);
            w.WriteString("started", _started.ToString("O"));
            WriteInputs(w);
            WriteResult(w);
            WriteArtifacts(w);
            if (_plan is not null)
            {
                w.WritePropertyName("plan");
                PlanWriter.Write(w, _plan);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private void WriteInputs(Utf8JsonWriter w)
    {
        w.WriteStartObject("inputs");
        w.WriteStartArray("arguments");
        foreach (var argument in arguments)
        {
            w.WriteStringValue(Redaction.Redact(argument));
        }

        w.WriteEndArray();
        w.WriteString("version", build.Version);
        w.WriteString("distro", build.Distro.Id);
        w.WriteString("distro_version", build.Distro.Version);
        w.WriteString("family", build.Distro.Family);
        w.WriteString("arch", build.Arch);
        w.WriteString("model", build.Model);
        w.WriteString("variant", build.Variant);
        w.WriteBoolean("trusted_boot", build.TrustedBoot);
        w.WriteBoolean("fips", build.Fips);
        w.WriteString("kubernetes", build.K8s?.Name ?? "");
        w.WriteString("kubernetes_version", build.K8s?.Version ?? "");
        w.WriteEndObject();
    }

    private void WriteResult(Utf8JsonWriter w)
    {
        var status = _results.Count == 0 ? "running"
            : _results.FirstOrDefault(r => r.Status != RunStatus.Succeeded)?.Status.ToString() ?? nameof(RunStatus.Succeeded);
        w.WriteString("status", status.ToLowerInvariant());
        w.WriteNumber("duration_ms", Math.Round(_results.Sum(r => r.Duration.TotalMilliseconds), 1));
        if (_results.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null) is { } failed)
        {
            w.WriteStartObject("stopped_at");
            JsonEvents.WriteEntry(w, failed.Entry);
            w.WriteString("error", Redaction.Redact(FailureReport.Format(failed)));
            w.WriteEndObject();
        }

        w.WriteStartArray("steps");
        foreach (var step in _steps)
        {
            w.WriteStartObject();
            JsonEvents.WriteEntry(w, step.Entry);
            w.WriteString("status", step.Status.ToString().ToLowerInvariant());
            w.WriteString("started", step.StartedAt.ToString("O"));
            w.WriteNumber("duration_ms", Math.Round(step.Duration.TotalMilliseconds, 1));
            if (step.SkipReason is { } reason)
            {
                w.WriteString("reason", Redaction.Redact(reason));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteArtifacts(Utf8JsonWriter w)
    {
        w.WriteStartArray("artifacts");
        foreach (var (name, source, sha256) in _artifacts)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("source", Redaction.Redact(source));
            w.WriteString("sha256", sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}

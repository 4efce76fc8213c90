using System.Text;
using System.Text.Json;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Recording;

/// <summary>Serialises a plan as text, JSON or YAML (every entry: stage, id, step, source, run or skip with reason).</summary>
public static class PlanWriter
{
    public static string ToText(Plan plan)
    {
        var text = new StringBuilder();
        foreach (var stage in plan.Stages)
        {
            text.Append($"{stage.Name}:\n");
            if (stage.Entries.Count == 0)
            {
                text.Append("  (no steps)\n");
            }

            foreach (var e in stage.Entries)
            {
                var verdict = e.SkipReason is { } r ? $"skip: {r}" : e.RuntimeConditions.Count > 0 ? $"run when {string.Join(" and ", e.RuntimeConditions.Select(Shown))}" : "run";
                var step = e.StepName is { } s ? $"[{s}] " : "[extension] ";
                text.Append($"  {step}{e.DisplayName}  ({e.Source})  {verdict}\n");
            }
        }

        return text.ToString();
    }

    public static string ToJson(Plan plan)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(w, plan);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static void Write(Utf8JsonWriter w, Plan plan)
    {
        w.WriteStartObject();
        w.WriteString("stage", plan.Selector);
        w.WriteStartArray("entries");
        foreach (var e in plan.Entries)
        {
            w.WriteStartObject();
            JsonEvents.WriteEntry(w, e);
            w.WriteString("origin", e.Kind.ToString().ToLowerInvariant());
            w.WriteString("decision", e.Skipped ? "skip" : "run");
            if (e.SkipReason is { } reason)
            {
                w.WriteString("reason", reason);
            }

            w.WriteStartArray("runtime_conditions");
            foreach (var condition in e.RuntimeConditions)
            {
                w.WriteStartObject();
                w.WriteString("key", condition.Key);
                w.WriteString("expression", Redaction.Redact(condition.Expression));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToYaml(Plan plan)
    {
        var text = new StringBuilder();
        text.Append($"stage: {Quote(plan.Selector)}\nentries:\n");
        foreach (var e in plan.Entries)
        {
            text.Append($"  - stage: {Quote(e.Stage)}\n    id: {Quote(e.Id)}\n    name: {Quote(e.Step.Name)}\n");
            if (e.StepName is { } s)
            {
                text.Append($"    step: {Quote(s)}\n");
            }

            text.Append($"    source: {Quote(e.Source.ToString())}\n    origin: {e.Kind.ToString().ToLowerInvariant()}\n");
            text.Append($"    decision: {(e.Skipped ? "skip" : "run")}\n");
            if (e.SkipReason is { } reason)
            {
                text.Append($"    reason: {Quote(reason)}\n");
            }

            text.Append($"    runtime_conditions: [{string.Join(", ", e.RuntimeConditions.Select(c => $"{{key: {Quote(c.Key)}, expression: {Quote(Redaction.Redact(c.Expression))}}}"))}]\n");
        }

        return text.ToString();
    }

    // an if is a shell command, so it may carry a secret, like any command the run log shows
    private static string Shown(RuntimeCondition condition) => $"{condition.Key}: {Redaction.Redact(condition.Expression)}";

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML).</summary>
    internal static string Quote(string value) => JsonSerializer.Serialize(value, PlanJsonContext.Default.String);
}

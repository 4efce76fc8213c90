using System.Text;
using System.Text.Json;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>Writes lint findings as text, JSON or SARIF 2.1.0 with <see cref="Utf8JsonWriter"/> (no reflection, NativeAOT-safe).</summary>
public static class LintReportWriter
{
    public static string Text(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => d + "\n"));

    public static string Json(IReadOnlyList<Diagnostic> diagnostics) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("errors", diagnostics.Count(d => d.IsError));
        w.WriteNumber("warnings", diagnostics.Count(d => d.Severity == Severity.Warning));
        w.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("file", d.Location.File);
            w.WriteNumber("line", d.Location.Line);
            w.WriteNumber("column", d.Location.Column);
            w.WriteString("severity", Level(d.Severity));
            w.WriteString("code", d.Code);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string Sarif(IReadOnlyList<Diagnostic> diagnostics, string toolVersion) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "kairos-stages");
        w.WriteString("version", toolVersion);
        w.WriteString("informationUri", "https://github.com/kairos-io/kairos");
        w.WriteStartArray("rules");
        foreach (var code in diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", code);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", DiagnosticTitles.For(code));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var d in diagnostics)
        {
            WriteResult(w, d);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteResult(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", d.Code);
        w.WriteString("level", d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" });
        w.WriteStartObject("message");
        w.WriteString("text", d.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", d.Location.File.Replace('\\', '/'));
        w.WriteEndObject();
        if (d.Location.Line > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", d.Location.Line);
            w.WriteNumber("startColumn", d.Location.Column);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Level(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}

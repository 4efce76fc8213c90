using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// Writes a report as one JSON object with <see cref="Utf8JsonWriter"/> (NativeAOT-safe):
/// <c>{"root","ok","inputs":[{name,value,source}],"findings":[{tag,status,message,fix}],"summary":{passed,warnings,failures}}</c>.
/// </summary>
public static class ValidationJsonWriter
{
    public static string ToJson(ValidationReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("root", report.Root);
            json.WriteBoolean("ok", report.Ok);
            json.WriteStartArray("inputs");
            foreach (var input in report.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name", input.Name);
                json.WriteString("value", input.Value);
                json.WriteString("source", input.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("tag", finding.Tag);
                json.WriteString("status", finding.Status.ToString().ToLowerInvariant());
                json.WriteString("message", finding.Message);
                if (finding.Fix is null)
                {
                    json.WriteNull("fix");
                }
                else
                {
                    json.WriteString("fix", finding.Fix);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("passed", report.Passed);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteNumber("failures", report.Failures);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

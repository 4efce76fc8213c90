using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Image.Requests;

/// <summary>A cloud-config must be a YAML mapping under the <c>#cloud-config</c> header Kairos looks for, within <see cref="YamlBudget"/>.</summary>
public static class CloudConfigCheck
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The first line Kairos looks for (the page is handed it through the Factory's GET /config).</summary>
    public const string Header = "#cloud-config";

    /// <summary>Null when fine, else the problem (with line and column for YAML errors).</summary>
    public static string? Problem(string text)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return $"is larger than {MaxBytes} bytes";
        }

        if (text.IndexOf('\0', StringComparison.Ordinal) is >= 0 and var nul)
        {
            return $"contains a NUL character (at offset {nul})";
        }

        if (!text.StartsWith(Header, StringComparison.Ordinal))
        {
            return $"must start with the line '{Header}' (Kairos ignores configs without it)";
        }

        try
        {
            // events first: a tree of an alias bomb or of thousands of nested brackets is never built
            if (YamlBudget.Problem(text) is { } budget)
            {
                return budget;
            }

            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            if (yaml.Documents.Count > 1)
            {
                return "must be one YAML document";
            }

            if (yaml.Documents.Count == 0)
            {
                return null; // the header alone (or comments): an empty config, as Kairos and the page read it
            }

            return yaml.Documents[0].RootNode is YamlMappingNode ? null : "must be a YAML mapping (key: value)";
        }
        catch (YamlException exception)
        {
            return $"is not valid YAML (line {exception.Start.Line}, column {exception.Start.Column}): {exception.InnerException?.Message ?? exception.Message}";
        }
    }
}

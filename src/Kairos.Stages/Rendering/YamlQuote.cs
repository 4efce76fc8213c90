using System.Globalization;
using System.Text;

namespace Kairos.Stages.Rendering;

/// <summary>Writes any text as a YAML double-quoted scalar that reads back to exactly that text.</summary>
public static class YamlQuote
{
    public static string Quote(string? value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value ?? "")
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                '\uFEFF' => "\\uFEFF",
                _ when char.IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}

using System.Globalization;
using System.Text;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>Writes any text as a YAML double-quoted scalar that reads back to exactly that text.</summary>
public static class YamlQuote
{
    public static string Quote(string? value)
    {
        value ??= "";
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            // One Append per character, no string per character: templates quote whole asset files.
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\0' => text.Append("\\0"),
                '\u2028' => text.Append("\\L"),
                '\u2029' => text.Append("\\P"),
                '\uFEFF' => text.Append("\\uFEFF"),
                _ when char.IsControl(c) => text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}

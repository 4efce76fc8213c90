using System.Text;

namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>Decodes Go double-quoted string literals.</summary>
internal static class TemplateStrings
{
    public static string Unquote(string raw)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (++i >= raw.Length)
            {
                throw new TemplateException("unterminated escape in string");
            }

            builder.Append(raw[i] switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '\\' => "\\",
                '"' => "\"",
                '\'' => "'",
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'v' => "\v",
                'x' when i + 2 < raw.Length => ((char)Convert.ToInt32(raw.Substring((i += 2) - 1, 2), 16)).ToString(),
                _ => throw new TemplateException($"unknown escape sequence \\{raw[i]}"),
            });
        }

        return builder.ToString();
    }
}

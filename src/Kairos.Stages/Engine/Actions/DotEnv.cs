using System.Globalization;
using System.Text;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Reads and writes dotenv files the way godotenv v1.5.1 does (sorted, quoted, integers bare).</summary>
internal static class DotEnv
{
    private const string SpecialChars = "\\\n\r\"!$`";

    /// <summary>Parses dotenv text: comments, <c>export</c>, single/double/unquoted values, <c>${VAR}</c> expansion.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var cut = line.IndexOfAny(['=', ':']);
            if (cut <= 0)
            {
                continue;
            }

            var key = line[..cut].Trim();
            var rest = line[(cut + 1)..].TrimStart();
            string value;
            if (rest.Length > 0 && rest[0] is '"' or '\'')
            {
                var quote = rest[0];
                var body = new StringBuilder(rest[1..]);
                // A quoted value may span lines until the closing quote.
                while (ClosingQuote(body.ToString(), quote) < 0 && i + 1 < lines.Length)
                {
                    body.Append('\n').Append(lines[++i]);
                }

                var raw = body.ToString();
                var end = ClosingQuote(raw, quote);
                raw = end < 0 ? raw : raw[..end];
                value = quote == '\'' ? raw : Expand(Unescape(raw), values);
            }
            else
            {
                var hash = rest.IndexOf(" #", StringComparison.Ordinal);
                value = Expand((hash >= 0 ? rest[..hash] : rest).Trim(), values);
            }

            values[key] = value;
        }

        return values;
    }

    /// <summary>godotenv.Marshal + Write: sorted <c>KEY="value"</c> lines, integers bare, trailing newline.</summary>
    public static string Write(IReadOnlyDictionary<string, string> values)
    {
        var lines = values.Select(p => IsInteger(p.Value, out var number)
                ? $"{p.Key}={number.ToString(CultureInfo.InvariantCulture)}"
                : $"{p.Key}=\"{Escape(p.Value)}\"")
            .Order(StringComparer.Ordinal);
        return string.Join('\n', lines) + "\n";
    }

    private static bool IsInteger(string value, out long number) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    private static string Escape(string value)
    {
        foreach (var c in SpecialChars)
        {
            var replacement = c switch { '\n' => "\\n", '\r' => "\\r", _ => "\\" + c };
            value = value.Replace(c.ToString(), replacement, StringComparison.Ordinal);
        }

        return value;
    }

    private static int ClosingQuote(string text, char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && quote == '"')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string raw)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                var next = raw[++i];
                builder.Append(next switch { 'n' => '\n', 'r' => '\r', _ => next });
                if (next == '$')
                {
                    builder.Insert(builder.Length - 1, '\\');
                }
            }
            else
            {
                builder.Append(raw[i]);
            }
        }

        return builder.ToString();
    }

    private static string Expand(string value, Dictionary<string, string> known)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] == '$')
            {
                builder.Append('$');
                i++;
                continue;
            }

            if (value[i] != '$' || i + 1 >= value.Length)
            {
                builder.Append(value[i]);
                continue;
            }

            var braced = value[i + 1] == '{';
            var start = braced ? i + 2 : i + 1;
            var end = start;
            while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            if (end == start || (braced && (end >= value.Length || value[end] != '}')))
            {
                builder.Append(value[i]);
                continue;
            }

            var name = value[start..end];
            builder.Append(known.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name) ?? "");
            i = braced ? end : end - 1;
        }

        return builder.ToString();
    }
}

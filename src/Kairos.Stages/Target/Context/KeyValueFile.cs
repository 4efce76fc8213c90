using System.Text;

namespace Kairos.Stages.Target.Context;

/// <summary>
/// Reads os-release-style files (<c>/etc/os-release</c>, <c>/etc/kairos-release</c>): <c>KEY=value</c> lines,
/// quotes removed, comments, blank lines and a leading <c>export</c> ignored. No variable expansion: these files
/// are data, unlike the dotenv files of the <c>environment</c> action (<c>Actions/DotEnv</c>, godotenv's rules).
/// </summary>
public static class KeyValueFile
{
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            values[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
        }

        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var quote = value[0];
        if (quote is not ('"' or '\''))
        {
            // an unquoted value ends at an inline comment
            var hash = value.IndexOf(" #", StringComparison.Ordinal);
            return hash >= 0 ? value[..hash].TrimEnd() : value;
        }

        var result = new StringBuilder();
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote)
            {
                break;
            }

            if (quote == '"' && c == '\\' && i + 1 < value.Length)
            {
                c = value[++i] switch
                {
                    'n' => '\n',
                    var escaped => escaped,
                };
            }

            result.Append(c);
        }

        return result.ToString();
    }
}

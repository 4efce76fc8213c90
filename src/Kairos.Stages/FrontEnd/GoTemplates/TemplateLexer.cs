using System.Globalization;

namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>Splits an action's body into tokens. A string token is its quote character followed by its decoded value.</summary>
internal static class TemplateLexer
{
    public static IReadOnlyList<string> Tokenize(string body)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '|' or '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var end = i + 1;
                while (end < body.Length && body[end] != '"')
                {
                    end += body[end] == '\\' ? 2 : 1;
                }

                if (end >= body.Length)
                {
                    throw new TemplateException("unterminated quoted string");
                }

                tokens.Add("\"" + TemplateStrings.Unquote(body[(i + 1)..end]));
                i = end + 1;
            }
            else if (c == '`')
            {
                var end = body.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw new TemplateException("unterminated raw quoted string");
                }

                tokens.Add("`" + body[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < body.Length && !char.IsWhiteSpace(body[i]) && body[i] is not ('|' or '(' or ')' or '"' or '`'))
                {
                    i++;
                }

                var word = body[start..i];
                if (word == ":=" || word == "=" || word.Contains(":=", StringComparison.Ordinal))
                {
                    throw new TemplateException("variable declarations are not supported");
                }

                tokens.Add(word);
            }
        }

        return tokens;
    }

    public static object ParseNumber(string token)
    {
        var text = token.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        try
        {
            long value;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                value = Convert.ToInt64(digits[2..], 16);
            }
            else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                value = Convert.ToInt64(digits[2..], 2);
            }
            else if (digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            {
                value = Convert.ToInt64(digits[2..], 8);
            }
            else if (digits.Length > 1 && digits[0] == '0' && digits.All(char.IsDigit))
            {
                value = Convert.ToInt64(digits, 8);
            }
            else if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
            else if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return negative ? -real : real;
            }
            else
            {
                throw new TemplateException($"bad number syntax: \"{token}\"");
            }

            return negative ? -value : value;
        }
        catch (FormatException)
        {
            throw new TemplateException($"bad number syntax: \"{token}\"");
        }
    }
}

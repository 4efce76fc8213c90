using System.Text;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Quote-aware word splitting as a POSIX shell does it (no expansion), with positions for rewriting.</summary>
public static class ShellWords
{
    /// <summary>Start and end offsets of every unquoted-whitespace-separated word of <paramref name="text"/>.</summary>
    public static IReadOnlyList<(int Start, int End)> Spans(string text)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            i = EndOfWord(text, i);
            spans.Add((start, i));
        }

        return spans;
    }

    /// <summary>The words of <paramref name="text"/> with quotes and backslashes removed.</summary>
    public static IReadOnlyList<string> Split(string text) => [.. Spans(text).Select(s => Unquote(text[s.Start..s.End]))];

    public static string Unquote(string word)
    {
        var result = new StringBuilder();
        var quote = '\0';
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (quote == '\'' && c != '\'')
            {
                result.Append(c);
            }
            else if (c == '\\' && quote != '\'' && i + 1 < word.Length)
            {
                result.Append(word[++i]);
            }
            else if (c is '\'' or '"' && (quote == '\0' || quote == c))
            {
                quote = quote == c ? '\0' : c;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static int EndOfWord(string text, int i)
    {
        var quote = '\0';
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                quote = c == '\'' ? '\0' : quote;
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (quote == '"')
            {
                quote = c == '"' ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                break;
            }
        }

        return Math.Min(i, text.Length);
    }
}

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

    /// <summary>
    /// One step of a POSIX-shell quote scan: updates <paramref name="quote"/> (the open quote, or \0)
    /// and skips a backslash-escaped character; true when <paramref name="c"/> is an ordinary unquoted character.
    /// </summary>
    public static bool Unquoted(char c, ref char quote, ref int i)
    {
        if (quote == '\'')
        {
            quote = c == '\'' ? '\0' : quote;
            return false;
        }

        if (c == '\\')
        {
            i++;
            return false;
        }

        if (quote == '"')
        {
            quote = c == '"' ? '\0' : quote;
            return false;
        }

        if (c is '\'' or '"')
        {
            quote = c;
            return false;
        }

        return true;
    }

    private static int EndOfWord(string text, int i)
    {
        var quote = '\0';
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!Unquoted(c, ref quote, ref i))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                break;
            }
        }

        return Math.Min(i, text.Length);
    }
}

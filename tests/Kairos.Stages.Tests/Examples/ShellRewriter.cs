using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// Makes a RUN line safe to evaluate on the host: kairos-stages calls go to a recorder, assignments
/// and tests stay (they build the arguments), every other command becomes <c>true</c>.
/// </summary>
public static partial class ShellRewriter
{
    private static readonly string[] Keywords = ["if", "then", "else", "elif", "do", "while", "until", "!", "{"];
    private static readonly string[] Kept = ["[", "test", "true", "false", ":", "fi", "done", "}"];

    /// <summary>True for a command word naming the tool: any path ending in kairos-stages, or the kairos-init alias.</summary>
    public static bool IsTool(string word) =>
        word is "kairos-stages" or "kairos-init"
        || word.EndsWith("/kairos-stages", StringComparison.Ordinal)
        || word.EndsWith("/kairos-init", StringComparison.Ordinal);

    public static string Rewrite(string line, string recorder)
    {
        var result = new StringBuilder();
        foreach (var (segment, separator) in Segments(line))
        {
            result.Append(RewriteSegment(segment, recorder)).Append(separator);
        }

        return result.ToString();
    }

    /// <summary>Splits at unquoted <c>&amp;&amp; || ; | &amp;</c> and newlines, keeping each separator.</summary>
    public static IEnumerable<(string Segment, string Separator)> Segments(string line)
    {
        var start = 0;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (!ShellWords.Unquoted(c, ref quote, ref i))
            {
                continue;
            }

            if (c is ';' or '|' or '\n' || (c == '&' && (i == 0 || line[i - 1] is not ('>' or '<')) && (i + 1 == line.Length || line[i + 1] != '>')))
            {
                var length = i + 1 < line.Length && line[i + 1] == c && c != '\n' ? 2 : 1;
                yield return (line[start..i], line.Substring(i, length));
                i += length - 1;
                start = i + 1;
            }
        }

        yield return (line[start..], "");
    }

    private static string RewriteSegment(string segment, string recorder)
    {
        var spans = ShellWords.Spans(segment);
        var index = 0;
        while (index < spans.Count && segment[spans[index].Start..spans[index].End] is var word
            && (Assignment().IsMatch(word) || Keywords.Contains(word)))
        {
            index++;
        }

        if (index == spans.Count)
        {
            return Checked(segment);
        }

        var (start, end) = spans[index];
        var command = ShellWords.Unquote(segment[start..end]);
        if (IsTool(command))
        {
            return Checked(segment[..start] + "'" + recorder + "'" + segment[end..]);
        }

        return Kept.Contains(command) ? Checked(segment) : segment[..start] + "true";
    }

    /// <summary>What is kept runs on the host, so it must not run commands of its own.</summary>
    private static string Checked(string kept) =>
        kept.Contains("$(", StringComparison.Ordinal) || kept.Contains('`', StringComparison.Ordinal)
            ? throw new InvalidOperationException($"command substitution in '{kept.Trim()}' cannot be evaluated safely on the host: build the arguments from ARG/ENV values")
            : kept;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();
}

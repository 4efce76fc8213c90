using System.Text;
using Kairos.Stages.FrontEnd.Loading;

namespace Kairos.Stages.Tests.Validation;

/// <summary>Seeded, reproducible damage to a stage file's text, one kind of mutation at a time.</summary>
public static class Mutator
{
    public static readonly string[] Kinds =
    [
        "byte-flip", "delete-line", "duplicate-line", "indent-shift", "tab-indent", "truncate", "unicode",
        "control-char", "lone-surrogate", "bom", "yaml-indicator", "swap-lines",
    ];

    private const string Indicators = "[]{}:-&*!|>'\"%@`#,?<\t";

    /// <summary>The text with one mutation of kind <paramref name="kind"/> (an index into <see cref="Kinds"/>).</summary>
    public static string Apply(string text, int kind, Random random)
    {
        if (text.Length == 0)
        {
            return "\uFEFF";
        }

        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        var at = random.Next(text.Length);
        switch (Kinds[kind])
        {
            case "byte-flip":
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return SourceText.Decode(bytes);
            case "delete-line":
                lines.RemoveAt(line);
                break;
            case "duplicate-line":
                lines.Insert(line, lines[line]);
                break;
            case "indent-shift":
                lines[line] = random.Next(2) == 0 ? new string(' ', random.Next(1, 5)) + lines[line] : lines[line].TrimStart(' ');
                break;
            case "tab-indent":
                lines[line] = "\t" + lines[line].TrimStart(' ');
                break;
            case "truncate":
                return text[..at];
            case "unicode":
                return text[..at] + new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)random.Next(0x20, 0xD7FF))]) + text[at..];
            case "control-char":
                return text[..at] + (char)random.Next(0, 0x20) + (random.Next(2) == 0 ? "\u007F\u0085\u2028" : "") + text[at..];
            case "lone-surrogate":
                return text[..at] + (char)random.Next(0xD800, 0xE000) + text[at..];
            case "bom":
                return random.Next(2) == 0 ? "\uFEFF" + text : text[..at] + "\uFEFF" + text[at..];
            case "yaml-indicator":
                return text[..at] + Indicators[random.Next(Indicators.Length)] + text[at..];
            default:
                var other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
        }

        return string.Join('\n', lines);
    }
}

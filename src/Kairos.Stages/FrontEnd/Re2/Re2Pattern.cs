using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Stages.FrontEnd.Re2;

/// <summary>
/// Go's RE2 (yip's regex engine) for .NET, in one place: lint (<c>KS505/KS506</c>) and the run-time
/// conditions (<c>only_os</c>, <c>only_arch</c>, …) both check and translate patterns here, so a pattern
/// lint accepts always compiles at run time, and one run time rejects is always a lint error.
/// </summary>
public static class Re2Pattern
{
    private static readonly (string Posix, string DotNet)[] PosixClasses =
    [
        ("[:alpha:]", "a-zA-Z"), ("[:digit:]", "0-9"), ("[:alnum:]", "0-9a-zA-Z"), ("[:upper:]", "A-Z"),
        ("[:lower:]", "a-z"), ("[:space:]", "\\t\\n\\v\\f\\r "), ("[:xdigit:]", "0-9A-Fa-f"), ("[:word:]", "0-9A-Za-z_"),
        ("[:punct:]", "!-/:-@\\[-`{-~"), ("[:blank:]", "\\t "), ("[:cntrl:]", "\\x00-\\x1F\\x7F"),
        ("[:print:]", " -~"), ("[:graph:]", "!-~"), ("[:ascii:]", "\\x00-\\x7F"),
    ];

    /// <summary>A POSIX class inside a bracket expression (outside one, <c>[:alpha:]</c> is an ordinary class of its letters).</summary>
    private static readonly Regex PosixInClass = new(
        @"(?<=\[[^\]]*)(" + string.Join('|', PosixClasses.Select(c => Regex.Escape(c.Posix))) + ")", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>An error text when the pattern fails to compile or uses a construct RE2 rejects; null when it is fine.</summary>
    public static string? Check(string pattern)
    {
        if (Unsupported(pattern) is { } construct)
        {
            return $"uses {construct}, which Go's RE2 rejects (yip skips the step)";
        }

        try
        {
            _ = Compile(pattern);
        }
        catch (ArgumentException ex)
        {
            return $"does not compile: {ex.Message}";
        }

        return null;
    }

    /// <summary>The .NET regex for a pattern <see cref="Check"/> accepted: unanchored, case-sensitive, a one-second match timeout.</summary>
    /// <exception cref="ArgumentException">The pattern does not compile.</exception>
    public static Regex Compile(string pattern) => new(ToDotNet(pattern), RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Rewrites the RE2 spellings .NET lacks (<c>(?P&lt;name&gt;</c>, <c>\pL</c>, POSIX classes such as <c>[[:alpha:]]</c>, <c>\Q…\E</c> literals) so a checked pattern compiles with the same meaning.</summary>
    public static string ToDotNet(string pattern)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < pattern.Length)
        {
            var quote = QuoteStart(pattern, at);
            result.Append(Translate(pattern[at..(quote < 0 ? pattern.Length : quote)]));
            if (quote < 0)
            {
                break;
            }

            var end = pattern.IndexOf(@"\E", quote + 2, StringComparison.Ordinal);
            result.Append(Regex.Escape(pattern[(quote + 2)..(end < 0 ? pattern.Length : end)]));
            at = end < 0 ? pattern.Length : end + 2;
        }

        return result.ToString();
    }

    private static string Translate(string part)
    {
        var result = part.Replace("(?P<", "(?<", StringComparison.Ordinal);
        result = PosixInClass.Replace(result, m => PosixClasses.First(c => c.Posix == m.Value).DotNet);
        return Regex.Replace(result, @"(?<!\\)\\([pP])([A-Za-z])", @"\$1{$2}");
    }

    /// <summary>Where the next <c>\Q</c> (an unescaped one) starts at or after <paramref name="from"/>, or -1.</summary>
    private static int QuoteStart(string p, int from)
    {
        for (var i = from; i < p.Length - 1; i++)
        {
            if (p[i] == '\\')
            {
                if (p[i + 1] == 'Q')
                {
                    return i;
                }

                i++;
            }
        }

        return -1;
    }

    /// <summary>True when <see cref="Check"/> failed because the pattern does not compile at all (as opposed to an RE2-only problem).</summary>
    public static bool IsCompileError(string message) => message.StartsWith("does not compile", StringComparison.Ordinal);

    private static string? Unsupported(string p)
    {
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            var next = i + 1 < p.Length ? p[i + 1] : '\0';
            if (c == '\\' && next == 'Q')
            {
                var end = p.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                i = end < 0 ? p.Length : end + 1;
                continue;
            }

            if (c == '\\')
            {
                if (!inClass && Escape(next) is { } bad)
                {
                    return bad;
                }

                i++;
                continue;
            }

            if (inClass)
            {
                if (c == '[' && next == ':' && PosixClass(p, i) is { } problem)
                {
                    return problem;
                }

                inClass = c != ']';
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    if (next == ']' || (next == '^' && i + 2 < p.Length && p[i + 2] == ']'))
                    {
                        i += next == '^' ? 2 : 1; // a leading ']' is literal inside the class
                    }

                    break;
                case '(' when next == '?' && Group(p, i + 2) is { } bad:
                    return bad;
                case '*' or '+' or '?' or '}' when next == '+':
                    return "a possessive quantifier";
                case '{' when Repeat(p, i) is { } bad:
                    return bad;
            }
        }

        return null;
    }

    /// <summary>A POSIX class .NET cannot be given the same meaning of: negated (<c>[[:^alpha:]]</c>) or unknown to RE2.</summary>
    private static string? PosixClass(string p, int at)
    {
        var end = p.IndexOf(":]", at + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var name = p[at..(end + 2)];
        return name.StartsWith("[:^", StringComparison.Ordinal) ? $"the negated POSIX class '{name}' (write [^{name.Replace("^", "", StringComparison.Ordinal)}])"
            : PosixClasses.Any(c => c.Posix == name) ? null
            : $"the unknown POSIX class '{name}'";
    }

    private static string? Escape(char c) => c switch
    {
        >= '1' and <= '9' => "a backreference",
        'k' => "a named backreference",
        'Z' => @"'\Z' (write '\z' or '$')",
        'G' => @"'\G'",
        'e' => @"'\e'",
        'R' or 'X' or 'K' or 'h' or 'H' or 'V' or 'g' => $"'\\{c}'",
        _ => null,
    };

    private static string? Group(string p, int at)
    {
        var rest = p[at..];
        return rest switch
        {
            _ when rest.StartsWith('=') || rest.StartsWith('!') => "a lookahead",
            _ when rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal) => "a lookbehind",
            _ when rest.StartsWith('>') => "an atomic group",
            _ when rest.StartsWith('(') => "a conditional group",
            _ when rest.StartsWith('\'') => "a quoted group name (write (?P<name>…))",
            _ when rest.StartsWith('#') => "an inline comment",
            _ when rest.StartsWith("P<", StringComparison.Ordinal) || rest.StartsWith('<') || rest.StartsWith(':') => null,
            _ => Flags(rest),
        };
    }

    private static string? Flags(string rest)
    {
        foreach (var c in rest)
        {
            if (c is ')' or ':')
            {
                return null;
            }

            if (c is not ('i' or 'm' or 's' or 'U' or '-'))
            {
                return $"the inline flag '{c}' (RE2 knows only i, m, s and U)";
            }
        }

        return null;
    }

    private static string? Repeat(string p, int at)
    {
        var end = p.IndexOf('}', at);
        if (end < 0)
        {
            return null;
        }

        var numbers = p[(at + 1)..end].Split(',');
        return numbers.Any(n => int.TryParse(n, out var v) && v > 1000) ? "a repeat count above 1000" : null;
    }
}

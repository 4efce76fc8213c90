using System.Text.RegularExpressions;

namespace Kairos.Stages.Validation;

/// <summary>Checks that a pattern means the same under Go's RE2 as under .NET, so skip/run decisions match yip.</summary>
public static class Re2Syntax
{
    /// <summary>An error text when the pattern fails to compile or uses a construct RE2 rejects; null when it is fine.</summary>
    public static string? Check(string pattern)
    {
        if (Unsupported(pattern) is { } construct)
        {
            return $"uses {construct}, which Go's RE2 rejects (yip skips the step)";
        }

        try
        {
            _ = new Regex(ToDotNet(pattern), RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            return $"does not compile: {ex.Message}";
        }

        return null;
    }

    /// <summary>Rewrites the RE2 spellings .NET lacks (<c>(?P&lt;name&gt;</c>, <c>\pL</c>) so a checked pattern compiles with the same meaning.</summary>
    public static string ToDotNet(string pattern)
    {
        var result = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        return Regex.Replace(result, @"(?<!\\)\\([pP])([A-Za-z])", @"\$1{$2}");
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

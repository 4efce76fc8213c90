namespace Kairos.Stages.Conditions;

/// <summary>Rejects regex constructs Go's RE2 does not compile (lookaround, backreferences, atomic/possessive, \Z, conditionals, comments).</summary>
internal static class Re2Compat
{
    /// <summary>Null when RE2 would accept the pattern's constructs, else why it would not.</summary>
    public static string? Check(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (++i >= pattern.Length)
                {
                    return "trailing backslash at end of expression";
                }

                var e = pattern[i];
                if (!inClass && e is >= '1' and <= '9')
                {
                    return $"backreferences (\\{e}) are not supported by RE2";
                }

                if (e is 'k' or 'Z' or 'G')
                {
                    return $"escape \\{e} is not supported by RE2";
                }

                continue;
            }

            if (inClass)
            {
                inClass = c != ']' || (i > 0 && pattern[i - 1] == '[');
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    i++;
                }

                continue;
            }

            if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern[(i + 2)..];
                if (rest.StartsWith('=') || rest.StartsWith('!') || rest.StartsWith("<=", StringComparison.Ordinal) || rest.StartsWith("<!", StringComparison.Ordinal))
                {
                    return "lookaround assertions are not supported by RE2";
                }

                if (rest.StartsWith('>'))
                {
                    return "atomic groups are not supported by RE2";
                }

                if (rest.StartsWith('(') || rest.StartsWith('#'))
                {
                    return "conditionals and comments in groups are not supported by RE2";
                }
            }

            if (c is '*' or '+' or '?' or '}' && i + 1 < pattern.Length && pattern[i + 1] == '+')
            {
                return "possessive quantifiers are not supported by RE2";
            }
        }

        return null;
    }

    private static readonly (string Posix, string DotNet)[] PosixClasses =
    [
        ("[:alpha:]", "a-zA-Z"), ("[:digit:]", "0-9"), ("[:alnum:]", "0-9a-zA-Z"), ("[:upper:]", "A-Z"),
        ("[:lower:]", "a-z"), ("[:space:]", "\\t\\n\\v\\f\\r "), ("[:xdigit:]", "0-9A-Fa-f"), ("[:word:]", "0-9A-Za-z_"),
        ("[:punct:]", "!-/:-@\\[-`{-~"), ("[:blank:]", "\\t "),
    ];

    /// <summary>Rewrites RE2 syntax .NET spells differently: <c>(?P&lt;name&gt;</c> groups and POSIX classes such as <c>[[:alpha:]]</c>.</summary>
    public static string ToDotNet(string pattern)
    {
        var result = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        foreach (var (posix, dotNet) in PosixClasses)
        {
            result = result.Replace(posix, dotNet, StringComparison.Ordinal);
        }

        return result;
    }
}

namespace Kairos.Stages.Target.Versions;

/// <summary>
/// RPM-like ordering of version strings (after rpmvercmp): split into runs of digits and runs of
/// letters, everything else separates; digit runs compare numerically and beat letter runs; letter
/// runs compare ordinally; <c>~</c> sorts before anything, even the end; when all runs tie, the
/// string with runs left over is newer. <c>5.14.0-503.el9_5.x86_64</c> is newer than <c>5.14.0-70.el9.x86_64</c>.
/// </summary>
public sealed class RpmVersionComparer : IComparer<string>
{
    public static RpmVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        string a = x ?? "", b = y ?? "";
        int i = 0, j = 0;
        while (true)
        {
            i = SkipSeparators(a, i);
            j = SkipSeparators(b, j);
            var tildeA = i < a.Length && a[i] == '~';
            var tildeB = j < b.Length && b[j] == '~';
            if (tildeA || tildeB)
            {
                if (!(tildeA && tildeB))
                {
                    return tildeA ? -1 : 1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                return i >= a.Length && j >= b.Length ? 0 : (i >= a.Length ? -1 : 1);
            }

            var numeric = char.IsAsciiDigit(a[i]);
            if (numeric != char.IsAsciiDigit(b[j]))
            {
                return numeric ? 1 : -1;
            }

            var runA = Run(a, ref i, numeric);
            var runB = Run(b, ref j, numeric);
            var order = numeric ? CompareNumbers(runA, runB) : string.CompareOrdinal(runA, runB);
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }
    }

    private static int SkipSeparators(string s, int i)
    {
        while (i < s.Length && !char.IsAsciiLetterOrDigit(s[i]) && s[i] != '~')
        {
            i++;
        }

        return i;
    }

    private static string Run(string s, ref int i, bool digits)
    {
        var start = i;
        while (i < s.Length && (digits ? char.IsAsciiDigit(s[i]) : char.IsAsciiLetter(s[i])))
        {
            i++;
        }

        return s[start..i];
    }

    private static int CompareNumbers(string a, string b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Versions;

/// <summary>
/// A version with hashicorp go-version semantics, for the OS versions that package constraints
/// (<c>stages/data/packages.yaml</c>) and <c>semverCompare</c> test. How it differs from SemVer 2.0:
/// an optional <c>v</c>; any number of numeric segments (<c>24.04</c> is 24.4.0, <c>1.2.3.4</c> is
/// valid), leading zeros allowed; a pre-release may follow the numbers without its hyphen when it
/// starts with a letter (<c>1.2.3beta</c>) and may hold <c>~</c>; segments are compared padded with
/// zeros. Pre-release identifiers and metadata order as in SemVer. Kairos's own versions are SemVer
/// and read with the Semver package instead (<see cref="Context.KairosVersion"/>).
/// </summary>
public sealed partial class HashicorpVersion
{
    private HashicorpVersion(long[] segments, int specified, string prerelease, string metadata)
    {
        Segments = segments;
        SpecifiedSegments = specified;
        Prerelease = prerelease;
        Metadata = metadata;
    }

    /// <summary>Numeric segments, padded with zeros to at least three.</summary>
    public IReadOnlyList<long> Segments { get; }

    /// <summary>How many segments the text gave (go-version's <c>si</c>).</summary>
    public int SpecifiedSegments { get; }

    public string Prerelease { get; }

    public string Metadata { get; }

    /// <summary>Lenient parse (go-version <c>NewVersion</c>): <c>24.04</c> is 24.4.0, <c>1.2.3beta</c> is accepted.</summary>
    public static bool TryParse(string? text, out HashicorpVersion version)
    {
        version = null!;
        var match = text is null ? Match.Empty : LenientPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["segments"].Value.Split('.');
        var segments = new long[Math.Max(3, parts.Length)];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out segments[i]))
            {
                return false;
            }
        }

        version = new HashicorpVersion(segments, parts.Length, match.Groups["pre"].Value, match.Groups["meta"].Value);
        return true;
    }

    /// <summary>Orders by padded segments, then prerelease (a release sorts after its prereleases); metadata is ignored.</summary>
    public int CompareTo(HashicorpVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var segments = CompareSegments(this, other);
        return segments != 0 ? segments : ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>Orders by the numeric segments only, the shorter one padded with zeros.</summary>
    public static int CompareSegments(HashicorpVersion x, HashicorpVersion y)
    {
        var length = Math.Max(x.Segments.Count, y.Segments.Count);
        for (var i = 0; i < length; i++)
        {
            var left = i < x.Segments.Count ? x.Segments[i] : 0;
            var right = i < y.Segments.Count ? y.Segments[i] : 0;
            if (left != right)
            {
                return left < right ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>Canonical text as go-version's <c>String()</c>: segments (at least three), <c>-pre</c>, <c>+meta</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Join('.', Segments));
        if (Prerelease.Length > 0)
        {
            text.Append('-').Append(Prerelease);
        }

        if (Metadata.Length > 0)
        {
            text.Append('+').Append(Metadata);
        }

        return text.ToString();
    }

    private static int ComparePrerelease(string left, string right)
    {
        if (left == right)
        {
            return 0;
        }

        if (left.Length == 0 || right.Length == 0)
        {
            return left.Length == 0 ? 1 : -1;
        }

        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length || i >= b.Length)
            {
                return i >= a.Length ? -1 : 1;
            }

            var result = CompareIdentifier(a[i], b[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    private static int CompareIdentifier(string a, string b)
    {
        var aNumeric = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x);
        var bNumeric = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y);
        return (aNumeric, bNumeric) switch
        {
            (true, true) => x.CompareTo(y),
            (true, false) => -1,
            (false, true) => 1,
            _ => Math.Sign(string.CompareOrdinal(a, b)),
        };
    }

    [GeneratedRegex(@"^v?(?<segments>[0-9]+(\.[0-9]+)*?)(-(?<pre>[0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?(?<pre>[A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+(?<meta>[0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LenientPattern();

}

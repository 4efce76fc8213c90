using System.Text.RegularExpressions;

namespace Kairos.Stages.Kernel;

/// <summary>
/// A version parsed the way hashicorp go-version's <c>NewVersion</c> accepts it (optional <c>v</c>,
/// dot-separated numbers, optional pre-release with or without a dash, optional <c>+metadata</c>).
/// Ordering: numeric segments (padded with zeros), then a release beats any pre-release, then
/// pre-releases in RPM-like order, so <c>102-generic</c> beats <c>99-generic</c> (go-version compares
/// such parts as plain strings and gets that wrong).
/// </summary>
internal sealed partial class LenientVersion
{
    private LenientVersion(IReadOnlyList<long> segments, string preRelease)
    {
        Segments = segments;
        PreRelease = preRelease;
    }

    public IReadOnlyList<long> Segments { get; }

    public string PreRelease { get; }

    public static LenientVersion? TryParse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var segments = new List<long>();
        foreach (var part in match.Groups[1].Value.Split('.'))
        {
            if (!long.TryParse(part, out var value))
            {
                return null;
            }

            segments.Add(value);
        }

        var pre = match.Groups[7].Success && match.Groups[7].Value.Length > 0 ? match.Groups[7].Value : match.Groups[4].Value;
        return new LenientVersion(segments, pre);
    }

    /// <summary>Negative when this is older than <paramref name="other"/>, zero when equal, positive when newer.</summary>
    public int CompareTo(LenientVersion other)
    {
        var length = Math.Max(Segments.Count, other.Segments.Count);
        for (var i = 0; i < length; i++)
        {
            var order = At(Segments, i).CompareTo(At(other.Segments, i));
            if (order != 0)
            {
                return order;
            }
        }

        if ((PreRelease.Length == 0) != (other.PreRelease.Length == 0))
        {
            return PreRelease.Length == 0 ? 1 : -1;
        }

        return RpmVersionComparer.Instance.Compare(PreRelease, other.PreRelease);
    }

    private static long At(IReadOnlyList<long> segments, int i) => i < segments.Count ? segments[i] : 0;

    [GeneratedRegex(@"^v?([0-9]+(\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?$")]
    private static partial Regex Pattern();
}

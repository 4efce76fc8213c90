namespace Kairos.Stages.Target.Versions;

/// <summary>
/// Orders kernel versions (<c>/lib/modules</c> names such as <c>6.1.0-28-amd64</c>) parsed leniently as
/// <see cref="HashicorpVersion.TryParse"/> does. How it differs from SemVer 2.0 and from go-version:
/// any number of numeric segments, compared padded with zeros (SemVer has exactly three); the part
/// after the numbers is a pre-release as in go-version (a release still beats any pre-release), but
/// pre-releases compare RPM-like (<see cref="RpmVersionComparer"/>: runs of digits numerically, so
/// <c>102-generic</c> beats <c>99-generic</c>) where SemVer and go-version compare dot-separated
/// identifiers and get such names wrong.
/// </summary>
public sealed class KernelVersionComparer : IComparer<HashicorpVersion>
{
    public static KernelVersionComparer Instance { get; } = new();

    public int Compare(HashicorpVersion? x, HashicorpVersion? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var segments = HashicorpVersion.CompareSegments(x, y);
        if (segments != 0)
        {
            return segments;
        }

        if ((x.Prerelease.Length == 0) != (y.Prerelease.Length == 0))
        {
            return x.Prerelease.Length == 0 ? 1 : -1;
        }

        return RpmVersionComparer.Instance.Compare(x.Prerelease, y.Prerelease);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.PackageManagers.Progress;

/// <summary>
/// zypper's per-package counters in its plain output: <c>Retrieving: NAME (REPO) (I/N), SIZE</c>
/// (zypper 1.14.42, as recorded: <c>Retrieving package NAME (I/N), SIZE …</c>) announcing a package, <c>Retrieving:
/// FILE.rpm …[done]</c> when it is on disk, then <c>(I/N) Installing: NAME …[done]</c>, or
/// <c>(I/N) Removing NAME …[done]</c> (no colon: zypper 1.14.42 as recorded). By default zypper
/// fetches each package just before installing it, so the two counts interleave.
/// </summary>
public sealed partial class ZypperProgressParser : IPackageProgressParser
{
    private long _fetched;
    private long? _toFetch;

    public bool IsStatusLine(string line) => false;

    public WorkProgress? Read(string line)
    {
        if (Retrieving().Match(line) is { Success: true } retrieving)
        {
            _toFetch = Number(retrieving.Groups["total"].Value);
            return new WorkProgress("downloaded", _fetched, _toFetch, "packages");
        }

        if (Fetched().IsMatch(line))
        {
            return new WorkProgress("downloaded", ++_fetched, _toFetch, "packages");
        }

        if (Transaction().Match(line) is not { Success: true } transaction)
        {
            return null;
        }

        var phase = transaction.Groups["verb"].Value == "Removing" ? "removed" : "installed";
        return new WorkProgress(phase, Number(transaction.Groups["item"].Value), Number(transaction.Groups["total"].Value), "packages");
    }

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Retrieving(?: package|:) .*\((?<item>\d+)/(?<total>\d+)\)")]
    private static partial Regex Retrieving();

    [GeneratedRegex(@"^Retrieving: \S+\.rpm .*\[done\]")]
    private static partial Regex Fetched();

    [GeneratedRegex(@"^\((?<item>\d+)/(?<total>\d+)\) (?<verb>Installing|Removing):? ")]
    private static partial Regex Transaction();
}

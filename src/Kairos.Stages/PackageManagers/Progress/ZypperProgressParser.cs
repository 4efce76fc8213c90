using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Stages.Progress;

namespace Kairos.Stages.PackageManagers.Progress;

/// <summary>
/// zypper's per-package counters in its plain output: <c>Retrieving: NAME (REPO) (I/N), SIZE</c>
/// (older: <c>Retrieving package NAME (I/N), SIZE …</c>) while fetching, then
/// <c>(I/N) Installing: NAME …[done]</c> (or Removing) per package.
/// </summary>
public sealed partial class ZypperProgressParser : IPackageProgressParser
{
    public bool IsStatusLine(string line) => false;

    public WorkProgress? Read(string line)
    {
        if (Retrieving().Match(line) is { Success: true } retrieving)
        {
            // zypper announces a package before fetching it: I-1 are on disk
            return new WorkProgress("downloaded", Number(retrieving.Groups["item"].Value) - 1, Number(retrieving.Groups["total"].Value), "packages");
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

    [GeneratedRegex(@"^\((?<item>\d+)/(?<total>\d+)\) (?<verb>Installing|Removing):")]
    private static partial Regex Transaction();
}

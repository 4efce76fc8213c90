using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.PackageManagers.Progress;

/// <summary>
/// dnf's per-package counters in its plain (non-terminal) output. dnf 4: downloads as
/// <c>(I/N): NAME.rpm  …</c>, the transaction as <c>  Installing       : NEVRA   I/N</c> (also
/// Upgrading, Erasing, Verifying …). dnf 5: <c>[I/N] NEVRA  100% | …</c> per download and
/// <c>[I/N] Installing NEVRA  100% | …</c> per transaction item, after the items that are not
/// packages (Verify package files, Prepare transaction), which are left out of the count.
/// </summary>
public sealed partial class DnfProgressParser : IPackageProgressParser
{
    private long _downloaded;
    private long _steps;

    public bool IsStatusLine(string line) => false;

    public WorkProgress? Read(string line)
    {
        if (Dnf4Download().Match(line) is { Success: true } download4)
        {
            return new WorkProgress("downloaded", ++_downloaded, Number(download4.Groups["total"].Value), "packages");
        }

        if (Dnf4Transaction().Match(line) is { Success: true } transaction4)
        {
            return Transaction(transaction4.Groups["verb"].Value, transaction4.Groups["item"].Value, transaction4.Groups["total"].Value);
        }

        if (Dnf5Item().Match(line) is not { Success: true } item5)
        {
            return null;
        }

        var (verb, item, total) = (item5.Groups["verb"].Value, Number(item5.Groups["item"].Value), Number(item5.Groups["total"].Value));
        if (verb is "Verify" or "Prepare")
        {
            _steps++;
            return null;
        }

        return verb == "Total" ? null
            : Phase(verb) is { } phase ? new WorkProgress(phase, item - _steps, total - _steps, "packages")
            : new WorkProgress("downloaded", ++_downloaded, total, "packages");
    }

    private static WorkProgress? Transaction(string verb, string item, string total) =>
        Phase(verb) is { } phase ? new WorkProgress(phase, Number(item), Number(total), "packages") : null;

    private static string? Phase(string verb) => verb switch
    {
        "Installing" or "Upgrading" or "Reinstalling" or "Downgrading" => "installed",
        "Erasing" or "Removing" or "Cleanup" or "Obsoleting" => "removed",
        "Verifying" => "verified",
        _ => null,
    };

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\((?<item>\d+)/(?<total>\d+)\): \S")]
    private static partial Regex Dnf4Download();

    [GeneratedRegex(@"^\s+(?<verb>[A-Z][a-z]+)(?: scriptlet)?\s*: .*?\s(?<item>\d+)/(?<total>\d+)\s*$")]
    private static partial Regex Dnf4Transaction();

    [GeneratedRegex(@"^\[\s*(?<item>\d+)/(?<total>\d+)\]\s+(?<verb>\S+)")]
    private static partial Regex Dnf5Item();
}

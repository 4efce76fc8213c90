using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.PackageManagers.Progress;

/// <summary>
/// apk's per-package counters in its plain output: <c>(I/N) Installing NAME (VERSION)</c> (also
/// Upgrading, Downgrading, Reinstalling, Replacing, Purging). apk fetches each package as it
/// installs it, so one count covers both.
/// </summary>
public sealed partial class ApkProgressParser : IPackageProgressParser
{
    public bool IsStatusLine(string line) => false;

    public WorkProgress? Read(string line)
    {
        if (Change().Match(line) is not { Success: true } change)
        {
            return null;
        }

        var phase = change.Groups["verb"].Value == "Purging" ? "removed" : "installed";
        return new WorkProgress(phase, Number(change.Groups["item"].Value), Number(change.Groups["total"].Value), "packages");
    }

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\((?<item>\d+)/(?<total>\d+)\) (?<verb>Installing|Upgrading|Downgrading|Reinstalling|Replacing|Purging) ")]
    private static partial Regex Change();
}

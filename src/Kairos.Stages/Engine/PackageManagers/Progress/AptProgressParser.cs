using System.Globalization;
using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.PackageManagers.Progress;

/// <summary>
/// apt-get's <c>APT::Status-Fd</c> lines: <c>dlstatus:I:PERCENT:Retrieving file I of N</c> while
/// fetching, <c>pmstatus:PKG:PERCENT:Unpacking|Installed|Removed PKG (ARCH)</c> while dpkg works;
/// N packages from the summary line (<c>U upgraded, I newly installed, R to remove …</c>).
/// </summary>
public sealed partial class AptProgressParser : IPackageProgressParser
{
    /// <summary>Appended to every apt-get command line: apt writes its status lines to stdout, where they are read.</summary>
    public const string StatusOption = " -o APT::Status-Fd=1";

    private readonly HashSet<string> _unpacked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _setUp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private long? _changing;
    private long? _removing;

    public bool IsStatusLine(string line) => line.StartsWith("dlstatus:", StringComparison.Ordinal) || line.StartsWith("pmstatus:", StringComparison.Ordinal);

    public WorkProgress? Read(string line)
    {
        if (Summary().Match(line) is { Success: true } summary)
        {
            _changing = Number(summary.Groups["upgraded"].Value) + Number(summary.Groups["installed"].Value);
            _removing = Number(summary.Groups["removed"].Value);
            return null;
        }

        if (Download().Match(line) is { Success: true } download)
        {
            var total = Number(download.Groups["total"].Value);
            var percent = double.Parse(download.Groups["percent"].Value, CultureInfo.InvariantCulture);
            var done = percent >= 100 ? total : Number(download.Groups["item"].Value) - 1;
            return new WorkProgress("downloaded", Math.Max(0, done), total, _changing is null ? "files" : "packages");
        }

        if (Package().Match(line) is not { Success: true } package)
        {
            return null;
        }

        var name = package.Groups["package"].Value;
        return package.Groups["action"].Value switch
        {
            "Unpacking" when _unpacked.Add(name) => new WorkProgress("unpacked", _unpacked.Count, _changing, "packages"),
            "Installed" when _setUp.Add(name) => new WorkProgress("set up", _setUp.Count, _changing, "packages"),
            "Removed" when _removed.Add(name) => new WorkProgress("removed", _removed.Count, _removing, "packages"),
            _ => null,
        };
    }

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<upgraded>\d+) upgraded, (?<installed>\d+) newly installed, (?<removed>\d+) to remove")]
    private static partial Regex Summary();

    [GeneratedRegex(@"^dlstatus:(?<item>\d+):(?<percent>[0-9.]+):.* of (?<total>\d+)\s*$")]
    private static partial Regex Download();

    [GeneratedRegex(@"^pmstatus:(?<package>[^:]+):[0-9.]+:(?<action>Unpacking|Installed|Removed) ")]
    private static partial Regex Package();
}

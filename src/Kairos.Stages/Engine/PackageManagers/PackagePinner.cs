using System.Text;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.PackageManagers;

/// <summary>What <c>package_pins</c> does per manager: files to write and commands to run (each command may fall back to another).</summary>
public static class PackagePinner
{
    public const string AptPreferences = "/etc/apt/preferences.d/99-yip-pins";
    public const string DnfConfig = "/etc/dnf/plugins/versionlock.conf";
    public const string DnfList = "/etc/dnf/plugins/versionlock.list";
    public const string ApkWorld = "/etc/apk/world";

    /// <summary>The APT preferences file: one stanza per package, priority 1001.</summary>
    public static string AptStanzas(IEnumerable<KeyValue> pins) =>
        string.Join("\n", pins.Select(p => $"Package: {p.Key}\nPin: version {p.Value}\nPin-Priority: 1001\n"));

    public static string DnfVersionlockConfig() => $"[main]\nenabled = 1\nlocklist = {DnfList}\n";

    /// <summary>The dnf query that resolves a pin to a NEVRA; its output (or <c>name-version*</c>) goes into the lock list.</summary>
    public static string DnfQuery(KeyValue pin) =>
        $"dnf -q repoquery --qf '%{{name}}-%{{epoch}}:%{{version}}-%{{release}}.*' '{pin.Key}-{pin.Value}*'";

    public static string ZypperLock(KeyValue pin) => $"zypper --non-interactive addlock '{pin.Key}={pin.Value}'";

    public static string ZypperLockName(KeyValue pin) => $"zypper --non-interactive addlock '{pin.Key}'";

    /// <summary>
    /// The apk world with the pins: lines for the pinned packages are replaced and the rest kept.
    /// Deliberate difference: yip rewrites the world with only the pins, which would make the next
    /// apk run remove everything else.
    /// </summary>
    public static string ApkWorldWith(string world, IReadOnlyList<KeyValue> pins)
    {
        var pinned = pins.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var kept = world.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !pinned.Contains(l.Split('=', '<', '>', '~')[0]));
        var builder = new StringBuilder();
        foreach (var line in kept.Concat(pins.Select(p => $"{p.Key}={p.Value}")).Order(StringComparer.Ordinal))
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }
}

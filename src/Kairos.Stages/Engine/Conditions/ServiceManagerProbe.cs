using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary>Finds which service manager a root has: <c>systemctl</c> or <c>openrc</c> in /sbin, /bin, /usr/sbin or /usr/bin.</summary>
internal static class ServiceManagerProbe
{
    private static readonly string[] Directories = ["/sbin", "/bin", "/usr/sbin", "/usr/bin"];

    public static bool HasSystemd(IRootFileSystem files) => Has(files, "systemctl");

    public static bool HasOpenRc(IRootFileSystem files) => Has(files, "openrc");

    /// <summary>True when the root uses OpenRC: <c>openrc</c> present and no <c>systemctl</c>.</summary>
    public static bool UsesOpenRc(IRootFileSystem files) => HasOpenRc(files) && !HasSystemd(files);

    private static bool Has(IRootFileSystem files, string binary) =>
        Directories.Any(d => files.Exists($"{d}/{binary}"));
}

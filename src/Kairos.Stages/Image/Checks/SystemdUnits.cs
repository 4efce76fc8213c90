namespace Kairos.Stages.Image.Checks;

/// <summary>Finds the unit file systemd would load, in its precedence order (/etc, /run, then vendor dirs).</summary>
internal static class SystemdUnits
{
    /// <summary>The four unit directories kairos-init looks in, highest systemd precedence first.</summary>
    public static IReadOnlyList<string> Directories { get; } =
        ["/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"];

    /// <summary>Where the effective unit is, or null when no directory has it.</summary>
    public static RootEntry? Find(CheckContext context, string unit) =>
        Directories.Select(d => RootEntry.Lstat(context.Files, $"{d}/{unit}")).FirstOrDefault(e => e.Present);

    /// <summary>Masked as systemd sees it: a symlink to /dev/null, or an empty file.</summary>
    public static bool IsMasked(CheckContext context, RootEntry unit)
    {
        if (unit.IsSymlink)
        {
            return unit.LinkTarget == "/dev/null";
        }

        return RootEntry.Target(context.Files, unit.Path) is { IsDirectory: false, Size: 0 };
    }
}

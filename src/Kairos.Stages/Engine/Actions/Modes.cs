namespace Kairos.Stages.Engine.Actions;

/// <summary>yip permission numbers as Unix modes.</summary>
internal static class Modes
{
    /// <summary>The exact mode for a yip <c>permissions</c> value (missing means 0000, like yip).</summary>
    public static UnixFileMode Of(uint? permissions) => (UnixFileMode)((permissions ?? 0) & 0xFFF);

    /// <summary>yip's parent-directory mode for a file: the file's mode plus owner-exec when below 0700.</summary>
    public static UnixFileMode ParentOf(uint? permissions)
    {
        var mode = (permissions ?? 0) & 0xFFF;
        return (UnixFileMode)(mode < 0x1C0 ? mode | 0x40 : mode);
    }

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
}

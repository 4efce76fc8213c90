namespace Kairos.Stages.Engine.Actions;

/// <summary>The fixed modes actions write with.</summary>
internal static class FileModes
{
    public const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Mode0755 = Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;
    public const UnixFileMode Mode0744 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}

namespace Kairos.Stages.Target.Platform;

/// <summary>The AT_* flags of the *at() calls.</summary>
internal static class At
{
    public const int SymlinkNoFollow = 0x100;
    public const int RemoveDir = 0x200;
    public const int EmptyPath = 0x1000;
}

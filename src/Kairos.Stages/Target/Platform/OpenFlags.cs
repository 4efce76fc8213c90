using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>open(2) flags; O_DIRECTORY and O_NOFOLLOW differ between x86_64 and arm64.</summary>
internal static class OpenFlags
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int ReadWrite = 2;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int Truncate = 0x200;
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;
    public const int Path = 0x200000;

    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int Directory { get; } = Arm ? 0x4000 : 0x10000;

    public static int NoFollow { get; } = Arm ? 0x8000 : 0x20000;
}

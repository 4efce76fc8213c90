using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>Tells procfs and sysfs apart (fstatfs magic): files there are written in place, renames cannot work.</summary>
internal static partial class PseudoFileSystem
{
    private const long ProcMagic = 0x9fa0;
    private const long SysfsMagic = 0x62656572;

    public static unsafe bool IsPseudo(SafeFileHandle dir)
    {
        var buffer = stackalloc byte[256];
        if (fstatfs(dir, buffer) != 0)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(buffer, 8));
        return type is ProcMagic or SysfsMagic;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int fstatfs(SafeFileHandle fd, byte* buffer);
}

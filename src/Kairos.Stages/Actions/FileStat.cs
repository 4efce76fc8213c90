using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Kairos.Stages.Actions;

/// <summary>Owner of a host path through statx(2), whose layout is the same on every architecture.</summary>
internal static partial class FileStat
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>The (uid, gid) of the path, not following a final symlink; null when it cannot be read.</summary>
    public static (int Uid, int Gid)? Owner(string hostPath)
    {
        Span<byte> buffer = stackalloc byte[256];
        unsafe
        {
            fixed (byte* pointer = buffer)
            {
                if (statx(AtFdCwd, hostPath, AtSymlinkNoFollow, StatxBasicStats, pointer) != 0)
                {
                    return null;
                }
            }
        }

        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, …
        return ((int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]), (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]));
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>Calls made through syscall(2): statx, fchmodat2 and getdents64 have no portable libc wrapper.</summary>
internal static partial class Native
{
    private const int StatxBasicStats = 0x7ff;
    private const long FchmodAt2 = 452;
    private const int AtCurrentDirectory = -100;

    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    private static readonly long StatxCall = Arm64 ? 291 : 332;
    private static readonly long GetDents64Call = Arm64 ? 61 : 217;

    /// <summary>The status of <paramref name="name"/> in <paramref name="dir"/> (empty name: the descriptor itself), never following a final link.</summary>
    public static FileStatus? TryStat(SafeFileHandle dir, string name, out int errno)
    {
        var success = false;
        dir.DangerousAddRef(ref success);
        try
        {
            return StatCore(dir.DangerousGetHandle(), name, At.SymlinkNoFollow | (name.Length == 0 ? At.EmptyPath : 0), out errno);
        }
        finally
        {
            dir.DangerousRelease();
        }
    }

    /// <summary>The status of a host path, links followed (magic links included: /proc/1/root).</summary>
    public static FileStatus? TryStatFollowing(string hostPath, out int errno) => StatCore(AtCurrentDirectory, hostPath, 0, out errno);

    public static FileStatus Stat(SafeFileHandle dir, string name, string pathForErrors) =>
        TryStat(dir, name, out var errno) ?? throw Error(errno, "statx", pathForErrors);

    /// <summary>chmod of exactly the inode behind an O_PATH descriptor (never a symlink: callers check).</summary>
    public static unsafe void ChmodHandle(SafeFileHandle file, uint mode, string pathForErrors)
    {
        var success = false;
        file.DangerousAddRef(ref success);
        try
        {
            var fd = file.DangerousGetHandle();
            if (syscall(FchmodAt2, fd, (nint)EmptyString.Pointer, (nint)mode, At.EmptyPath, 0) == 0)
            {
                return;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (Errno.NoSystemCall or Errno.Invalid or Errno.NotSupported))
            {
                throw Error(errno, "chmod", pathForErrors);
            }

            // Kernels before 6.6: the /proc magic link reaches the pinned inode, not a path.
            Check(chmod($"/proc/self/fd/{fd}", mode), "chmod", pathForErrors);
        }
        finally
        {
            file.DangerousRelease();
        }
    }

    /// <summary>The names in an open directory (O_RDONLY descriptor), without "." and "..".</summary>
    public static unsafe List<(string Name, byte Type)> ReadDirectory(SafeFileHandle dir, string pathForErrors)
    {
        var names = new List<(string, byte)>();
        var buffer = new byte[32 * 1024];
        var success = false;
        dir.DangerousAddRef(ref success);
        try
        {
            while (true)
            {
                long read;
                fixed (byte* p = buffer)
                {
                    read = syscall(GetDents64Call, dir.DangerousGetHandle(), (nint)p, buffer.Length, 0, 0);
                }

                if (read < 0)
                {
                    throw Error(Marshal.GetLastPInvokeError(), "getdents64", pathForErrors);
                }

                if (read == 0)
                {
                    return names;
                }

                for (var offset = 0; offset < read;)
                {
                    var length = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 16));
                    var type = buffer[offset + 18];
                    var nameSpan = buffer.AsSpan(offset + 19, length - 19);
                    var name = System.Text.Encoding.UTF8.GetString(nameSpan[..nameSpan.IndexOf((byte)0)]);
                    if (name is not ("." or ".."))
                    {
                        names.Add((name, type));
                    }

                    offset += length;
                }
            }
        }
        finally
        {
            dir.DangerousRelease();
        }
    }

    private static unsafe FileStatus? StatCore(nint dirfd, string name, int flags, out int errno)
    {
        var buffer = stackalloc byte[256];
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* namePtr = nameBytes)
        {
            var result = syscall(StatxCall, dirfd, (nint)namePtr, flags, StatxBasicStats, (nint)buffer);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            return result < 0 ? null : FileStatus.FromStatx(new ReadOnlySpan<byte>(buffer, 256));
        }
    }

    [LibraryImport(Libc, SetLastError = true)]
    private static partial long syscall(long number, nint a, nint b, nint c, nint d, nint e);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chmod(string path, uint mode);

    /// <summary>A NUL byte that lives for the whole process, for calls taking an empty path.</summary>
    private static unsafe class EmptyString
    {
        public static readonly byte* Pointer = (byte*)NativeMemory.AllocZeroed(1);
    }
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>The libc calls .NET does not expose: *at() file operations relative to directory descriptors.</summary>
internal static partial class Native
{
    private const string Libc = "libc";

    /// <summary>Opens a path on the host (used for the root itself, which the caller chose).</summary>
    public static SafeFileHandle Open(string path, int flags) =>
        Check(open(path, flags | OpenFlags.CloseOnExec, 0), "open", path);

    public static SafeFileHandle OpenAt(SafeFileHandle dir, string name, int flags, uint mode = 0) =>
        Check(openat(dir, name, flags | OpenFlags.CloseOnExec, mode), "openat", name);

    /// <summary>Like <see cref="OpenAt"/> but returns null and the errno instead of throwing.</summary>
    public static SafeFileHandle? TryOpenAt(SafeFileHandle dir, string name, int flags, out int errno, uint mode = 0)
    {
        var handle = openat(dir, name, flags | OpenFlags.CloseOnExec, mode);
        errno = Marshal.GetLastPInvokeError();
        if (handle.IsInvalid)
        {
            handle.Dispose();
            return null;
        }

        errno = 0;
        return handle;
    }

    /// <summary>The target of the link <paramref name="name"/>, or null with the errno (the link may have gone since it was seen).</summary>
    public static string? TryReadLinkAt(SafeFileHandle dir, string name, out int errno)
    {
        var buffer = new byte[4096];
        var length = readlinkat(dir, name, buffer, buffer.Length);
        errno = length < 0 ? Marshal.GetLastPInvokeError() : 0;
        return length < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    public static int TryMkdirAt(SafeFileHandle dir, string name, uint mode) =>
        mkdirat(dir, name, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int TryUnlinkAt(SafeFileHandle dir, string name, int flags) =>
        unlinkat(dir, name, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static void UnlinkAt(SafeFileHandle dir, string name, int flags) =>
        Check(unlinkat(dir, name, flags), "unlinkat", name);

    public static void SymlinkAt(string target, SafeFileHandle dir, string name) =>
        Check(symlinkat(target, dir, name), "symlinkat", name);

    public static void RenameAt(SafeFileHandle fromDir, string from, SafeFileHandle toDir, string to) =>
        Check(renameat(fromDir, from, toDir, to), "renameat", to);

    /// <summary>Swaps two names atomically (renameat2 RENAME_EXCHANGE); returns 0 or the errno.</summary>
    public static int TryExchange(SafeFileHandle dir, string first, string second) =>
        renameat2(dir, first, dir, second, 2) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>chown of exactly the inode behind <paramref name="file"/> (an O_PATH descriptor is fine).</summary>
    public static void Chown(SafeFileHandle file, int uid, int gid, string pathForErrors) =>
        Check(fchownat(file, string.Empty, uid, gid, At.EmptyPath), $"chown {uid}:{gid}", pathForErrors);

    public static void Fchmod(SafeFileHandle file, uint mode, string pathForErrors) =>
        Check(fchmod(file, mode), "fchmod", pathForErrors);

    public static void Fchown(SafeFileHandle file, int uid, int gid, string pathForErrors) =>
        Check(fchown(file, uid, gid), $"chown {uid}:{gid}", pathForErrors);

    /// <summary>Sets atime and mtime of an open file to <paramref name="seconds"/> since the epoch.</summary>
    public static unsafe void SetTimes(SafeFileHandle file, long seconds, string pathForErrors)
    {
        var times = stackalloc long[4] { seconds, 0, seconds, 0 };
        Check(futimens(file, times), "futimens", pathForErrors);
    }

    public static void Check(int result, string operation, string path)
    {
        if (result != 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), operation, path);
        }
    }

    public static IOException Error(int errno, string operation, string path) =>
        errno == Errno.NoEntry
            ? new FileNotFoundException($"{operation} {path}: {Marshal.GetPInvokeErrorMessage(errno)}", path)
            : new IOException($"{operation} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    private static SafeFileHandle Check(SafeFileHandle handle, string operation, string path)
    {
        if (handle.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw Error(errno, operation, path);
        }

        return handle;
    }

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle open(string path, int flags, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle openat(SafeFileHandle dirfd, string path, int flags, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint readlinkat(SafeFileHandle dirfd, string path, byte[] buffer, nint size);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdirat(SafeFileHandle dirfd, string path, uint mode);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlinkat(SafeFileHandle dirfd, string path, int flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int symlinkat(string target, SafeFileHandle dirfd, string path);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat(SafeFileHandle olddirfd, string oldpath, SafeFileHandle newdirfd, string newpath);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(SafeFileHandle olddirfd, string oldpath, SafeFileHandle newdirfd, string newpath, uint flags);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fchownat(SafeFileHandle dirfd, string path, int owner, int group, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int fchmod(SafeFileHandle fd, uint mode);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int fchown(SafeFileHandle fd, int owner, int group);

    [LibraryImport(Libc, SetLastError = true)]
    private static unsafe partial int futimens(SafeFileHandle fd, long* times);
}

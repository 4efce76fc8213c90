using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>Mounts, locks and signals.</summary>
internal static partial class Native
{
    public const ulong MountReadOnly = 1;
    public const ulong MountNoSuid = 2;
    public const ulong MountNoDev = 4;
    public const ulong MountNoExec = 8;
    public const ulong MountBind = 4096;
    public const ulong MountRecursive = 16384;
    public const ulong MountSlave = 1 << 19;
    public const int UnmountDetach = 2;
    public const int UnmountNoFollow = 8;
    public const int SignalKill = 9;
    public const int SignalTerminate = 15;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int Busy = 16;

    /// <summary>mount(2); returns 0 or the errno.</summary>
    public static int TryMount(string? source, string target, string? type, ulong flags, string? data) =>
        mount(source, target, type, (nuint)flags, data) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>umount2(2); returns 0 or the errno.</summary>
    public static int TryUnmount(string target, int flags) =>
        umount2(target, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>flock(2) exclusive, non-blocking; returns 0 or the errno (EWOULDBLOCK when held).</summary>
    public static int TryLockExclusive(SafeFileHandle file) =>
        flock(file, LockExclusive | LockNonBlocking) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>kill(2): a positive <paramref name="pid"/> is one process, a negative one a whole process group; false when it is gone (never 0, 1 or -1: this process's own group, init, everyone).</summary>
    public static bool Signal(int pid, int signal) => Math.Abs(pid) > 1 && kill(pid, signal) == 0;

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string? source, string target, string? filesystemtype, nuint mountflags, string? data);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int flock(SafeFileHandle fd, int operation);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

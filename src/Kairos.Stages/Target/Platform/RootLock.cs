using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// One run per root at a time: an exclusive, non-blocking <c>flock</c> on the root directory
/// itself. Locking the directory (not a file in it) leaves no trace in the image and cannot be
/// hidden by the /run tmpfs a chroot mounts; the kernel drops the lock with the process, so a
/// crash never leaves a stale lock. The holder's pid is read back from /proc/locks.
/// </summary>
public sealed class RootLock : IDisposable
{
    private readonly SafeFileHandle _handle;

    private RootLock(string root, SafeFileHandle handle)
    {
        Root = root;
        _handle = handle;
    }

    public string Root { get; }

    /// <summary>Takes the lock at once or throws <see cref="RootLockedException"/> naming the holder.</summary>
    public static RootLock Acquire(string root)
    {
        var full = Path.GetFullPath(root);
        var handle = Native.Open(full, OpenFlags.ReadOnly | OpenFlags.Directory);
        var errno = Native.TryLockExclusive(handle);
        if (errno == 0)
        {
            return new RootLock(full, handle);
        }

        var holder = errno == Errno.WouldBlock ? Holder(handle) : null;
        handle.Dispose();
        if (errno != Errno.WouldBlock)
        {
            throw Native.Error(errno, "flock", full);
        }

        throw new RootLockedException(full, holder);
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>The pid /proc/locks gives for a FLOCK on this inode ("1: FLOCK ADVISORY WRITE pid maj:min:inode 0 EOF").</summary>
    private static int? Holder(SafeFileHandle handle)
    {
        try
        {
            var status = Native.Stat(handle, string.Empty, "root");
            var key = $"{status.DevMajor:x2}:{status.DevMinor:x2}:{status.Inode}";
            return File.ReadLines("/proc/locks")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length > 5 && f[1] == "FLOCK" && f[5] == key)
                .Select(f => int.TryParse(f[4], out var pid) ? pid : (int?)null)
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}

using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>Writes: files, directories and symlinks, each made relative to the parent directory's descriptor.</summary>
public sealed partial class RootFileSystem
{
    private const int TempFileMode = 0x180; // 0600 until the exact mode is set
    private const int TempDirMode = 0x1C0;  // 0700 until the exact mode is set

    /// <inheritdoc />
    /// <remarks>
    /// Owner first, then mode (chown clears set-id bits), both exact: the umask plays no part.
    /// An existing final entry is replaced by rename, never followed or written through: a symlink
    /// there becomes a file, a hard link to a file outside the root is unlinked from the root only.
    /// Directories and device nodes are refused. A uid or gid of -1 leaves that id as created (root).
    /// </remarks>
    public void WriteFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode, int uid, int gid)
    {
        using var entry = Walk(path, followFinal: false);
        var name = RequireName(entry, path);
        if (entry.Status is { IsDirectory: true } or { IsDevice: true })
        {
            throw new IOException($"write {path} in {Root}: refusing to replace a {(entry.Status.Value.IsDirectory ? "directory" : "device node")}");
        }

        if (PseudoFileSystem.IsPseudo(entry.Parent))
        {
            WriteInPlace(entry.Parent, name, content, path);
            return;
        }

        var temp = TempName(name);
        using (var file = Native.OpenAt(entry.Parent, temp, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.NoFollow, TempFileMode))
        {
            try
            {
                RandomAccess.Write(file, content, 0);
                Native.Fchown(file, uid, gid, path);
                Native.Fchmod(file, (uint)mode, path);
                if (ModificationTime is { } time)
                {
                    Native.SetTimes(file, time.ToUnixTimeSeconds(), path);
                }

                Native.RenameAt(entry.Parent, temp, entry.Parent, name);
            }
            catch
            {
                Native.TryUnlinkAt(entry.Parent, temp, 0);
                throw;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Links are followed inside the root; the final name is opened no-follow relative to its parent's descriptor, truncated and written. Directories and devices are refused.</remarks>
    public void WriteExisting(string path, ReadOnlySpan<byte> content)
    {
        using var entry = Walk(path, followFinal: true);
        if (entry.Status is not { } status)
        {
            throw new FileNotFoundException($"{path} does not exist in {Root}", entry.HostPath);
        }

        if (status.IsDirectory || status.IsDevice)
        {
            throw new IOException($"write {path} in {Root}: not a regular file");
        }

        WriteInPlace(entry.Parent, entry.Name, content, path);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Made 0700, then chowned, then given the exact mode (set-id and sticky bits included). When a
    /// directory already exists there (a link to one is followed inside the root) its owner and mode
    /// are set; anything else there is an error.
    /// </remarks>
    public void CreateDirectory(string path, UnixFileMode mode, int uid, int gid)
    {
        using (var entry = Walk(path, followFinal: false))
        {
            if (entry.Status is null)
            {
                var errno = Native.TryMkdirAt(entry.Parent, RequireName(entry, path), TempDirMode);
                if (errno is not (0 or Errno.Exists))
                {
                    throw Native.Error(errno, "mkdir", $"{path} in {Root}");
                }
            }
        }

        using var dir = OpenFinal(path, OpenFlags.Path, out var status);
        if (!status.IsDirectory)
        {
            throw new IOException($"mkdir {path} in {Root}: exists and is not a directory");
        }

        Native.Chown(dir, uid, gid, path);
        Native.ChmodHandle(dir, (uint)mode, path);
    }

    /// <inheritdoc />
    /// <remarks>Made under a temporary name and renamed over the final one: atomic, never followed. A directory there is refused.</remarks>
    public void CreateSymlink(string path, string target)
    {
        using var entry = Walk(path, followFinal: false);
        var name = RequireName(entry, path);
        if (entry.Status is { IsDirectory: true })
        {
            throw new IOException($"symlink {path} in {Root}: refusing to replace a directory");
        }

        var temp = TempName(name);
        Native.SymlinkAt(target, entry.Parent, temp);
        try
        {
            Native.RenameAt(entry.Parent, temp, entry.Parent, name);
        }
        catch
        {
            Native.TryUnlinkAt(entry.Parent, temp, 0);
            throw;
        }
    }

    private static void WriteInPlace(SafeFileHandle parent, string name, ReadOnlySpan<byte> content, string path)
    {
        using var file = Native.OpenAt(parent, name, OpenFlags.WriteOnly | OpenFlags.Truncate | OpenFlags.NoFollow);
        RandomAccess.Write(file, content, 0);
    }

    private string RequireName(ResolvedEntry entry, string path) =>
        entry.IsSelf ? throw new IOException($"{path} in {Root} names a directory, not an entry to create") : entry.Name;

    private static string TempName(string name) =>
        $".{(name.Length > 200 ? name[..200] : name)}.ks-{Guid.NewGuid():N}";
}

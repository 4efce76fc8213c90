using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>File operations confined to a root directory, race-free: every operation walks the path with descriptors (<see cref="RootWalker"/>) and acts relative to the final directory's descriptor.</summary>
/// <remarks>
/// <para>Paths resolve as they would after <c>chroot ROOT</c>: absolute link targets restart at the
/// root, ".." never climbs above it, at most 40 links are followed. No check-then-use gap
/// exists: a link swapped into a directory component after it was checked makes the next
/// <c>openat(O_NOFOLLOW)</c> fail (the walk then looks again), and the final operation is made on
/// the final name relative to the parent's descriptor with no-follow semantics.</para>
/// <para>Writes create a temporary file with <c>O_CREAT|O_EXCL|O_NOFOLLOW</c> in the same directory,
/// set owner then exact mode (no umask), then <c>renameat</c> it over the final name: whatever was
/// there (a link, a hard link to a file outside the root) is replaced, never written through.
/// Character and block devices at a write target are refused. On procfs and sysfs, where renames
/// are impossible, the file is written in place (no-follow).</para>
/// <para>Limits: a directory moved out of the root by someone with write access outside it while a
/// walk holds it is beyond reach of any in-root check; chmod and chown act on the inode, so a file
/// hard-linked from outside the root shares the change (as it would after chroot).</para>
/// </remarks>
public sealed partial class RootFileSystem : IRootFileSystem
{
    private const int MaxRetries = 16;

    public RootFileSystem(string root)
    {
        Root = Path.GetFullPath(root);
        ModificationTime = SourceDateEpoch.FromEnvironment();
    }

    public string Root { get; }

    /// <summary>The mtime given to written files; defaults to <c>SOURCE_DATE_EPOCH</c> when set, else null (now).</summary>
    public DateTimeOffset? ModificationTime { get; init; }

    public RootFileInfo? Stat(string path, bool followLinks = true)
    {
        using var entry = Walk(path, followFinal: followLinks, lenient: true);
        if (entry.Status is not { } status)
        {
            return null;
        }

        var modified = DateTime.UnixEpoch.AddSeconds(status.ModifiedSeconds).AddTicks(status.ModifiedNanoseconds / 100);
        return new RootFileInfo(RootPath.ToRootView(Root, entry.HostPath), (UnixFileMode)(status.Mode & 0xFFF), status.Uid, status.Gid, status.Size, modified, status.IsDirectory, status.IsRegular)
        {
            LinkTarget = status.IsSymlink && !entry.IsSelf ? Native.TryReadLinkAt(entry.Parent, entry.Name, out _) : null,
        };
    }

    public bool FileExists(string path) => StatOrNull(path) is { IsDirectory: false };

    public bool DirectoryExists(string path) => StatOrNull(path) is { IsDirectory: true };

    public bool Exists(string path) => StatOrNull(path) is not null;

    public byte[] ReadAllBytes(string path)
    {
        using var file = OpenFinal(path, OpenFlags.ReadOnly | OpenFlags.NonBlock, out var status);
        if (!status.IsRegular)
        {
            throw new IOException($"read {path} in {Root}: not a regular file");
        }

        using var stream = new FileStream(file, FileAccess.Read, 1);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public string ReadAllText(string path) => System.Text.Encoding.UTF8.GetString(ReadAllBytes(path));

    public IReadOnlyList<string> ListDirectory(string path)
    {
        using var dir = OpenFinal(path, OpenFlags.ReadOnly | OpenFlags.Directory, out _);
        return [.. Native.ReadDirectory(dir, path).Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    private ResolvedEntry Walk(string path, bool followFinal, bool lenient = false) =>
        RootWalker.Walk(Native.Open(Root, OpenFlags.Path | OpenFlags.Directory), Root, path, followFinal, lenient);

    private FileStatus? StatOrNull(string path)
    {
        using var entry = Walk(path, followFinal: true, lenient: true);
        return entry.Status;
    }

    /// <summary>Opens the entry a path names, links followed in the root; the open never follows a link.</summary>
    private SafeFileHandle OpenFinal(string path, int flags, out FileStatus status)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var entry = Walk(path, followFinal: true);
            if (entry.Status is null)
            {
                throw new FileNotFoundException($"{path} does not exist in {Root}", entry.HostPath);
            }

            var handle = Native.TryOpenAt(entry.Parent, entry.IsSelf ? "." : entry.Name, flags | OpenFlags.NoFollow, out var errno);
            if (handle is null)
            {
                if (errno is Errno.Loop or Errno.NoEntry && attempt < MaxRetries)
                {
                    continue;
                }

                throw Native.Error(errno, "open", $"{path} in {Root}");
            }

            status = Native.Stat(handle, string.Empty, path);
            if (status.IsSymlink)
            {
                // An O_PATH open of a link swapped in after the walk: walk again.
                handle.Dispose();
                if (attempt < MaxRetries)
                {
                    continue;
                }

                throw Native.Error(Errno.Loop, "open", $"{path} in {Root}");
            }

            return handle;
        }
    }
}

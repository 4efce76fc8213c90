using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>Link reading and the descriptor-level helpers the mount session uses.</summary>
public sealed partial class RootFileSystem
{
    /// <summary>The target of the symlink at <paramref name="path"/> as written (parents resolved in the root), or null when it is not a link or does not exist.</summary>
    public string? ReadLink(string path)
    {
        using var entry = Walk(path, followFinal: false, lenient: true);
        return entry.Status is { IsSymlink: true } && !entry.IsSelf ? Native.TryReadLinkAt(entry.Parent, entry.Name, out _) : null;
    }

    /// <summary>An O_PATH descriptor of the directory at <paramref name="path"/> (links followed in the root).</summary>
    internal SafeFileHandle OpenDirectoryHandle(string path)
    {
        var handle = OpenFinal(path, OpenFlags.Path, out var status);
        if (!status.IsDirectory)
        {
            handle.Dispose();
            throw new IOException($"{path} in {Root} is not a directory");
        }

        return handle;
    }

    /// <summary>rmdir: removes the directory only when it is empty; true when it was removed.</summary>
    internal bool TryRemoveEmptyDirectory(string path)
    {
        using var entry = Walk(path, followFinal: false, lenient: true);
        return entry.Status is { IsDirectory: true } && !entry.IsSelf && Native.TryUnlinkAt(entry.Parent, entry.Name, At.RemoveDir) == 0;
    }
}

namespace Kairos.Stages.Target.Platform;

/// <summary>Mode, owner and removal: each acts on an inode reached inside the root, never on a link's target outside it.</summary>
public sealed partial class RootFileSystem
{
    /// <inheritdoc />
    /// <remarks>Links are followed inside the root; the mode is set on the descriptor the walk opened (fchmodat2, or /proc/self/fd on old kernels).</remarks>
    public void SetMode(string path, UnixFileMode mode)
    {
        using var file = OpenFinal(path, OpenFlags.Path, out _);
        Native.ChmodHandle(file, (uint)mode, path);
    }

    /// <inheritdoc />
    /// <remarks>Links are followed inside the root; the owner is set on the descriptor the walk opened. -1 keeps that id.</remarks>
    public void SetOwner(string path, int uid, int gid)
    {
        using var file = OpenFinal(path, OpenFlags.Path, out _);
        Native.Chown(file, uid, gid, path);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A missing entry is not an error. A link is removed, never followed. A directory is removed
    /// with everything in it, each level opened no-follow; it stops with an error at a mount point
    /// or another file system instead of crossing it. The root itself cannot be deleted.
    /// </remarks>
    public void Delete(string path)
    {
        using var entry = Walk(path, followFinal: false, lenient: true);
        if (entry.Status is not { } status)
        {
            return;
        }

        var name = RequireName(entry, path);
        if (status.IsDirectory)
        {
            TreeRemover.Remove(entry.Parent, name, status, $"{path} in {Root}");
        }
        else
        {
            Native.UnlinkAt(entry.Parent, name, 0);
        }
    }
}

namespace Kairos.Stages.Target.Platform;

/// <summary>Resolves a path inside a root the way the kernel would after chroot: symlinks, "..", and absolute link targets stay inside.</summary>
public static class RootPath
{
    /// <summary>
    /// The host path for <paramref name="path"/> (absolute in the root's view). Every existing
    /// component that is a symlink is followed within the root; the final one only when
    /// <paramref name="followFinal"/> is set. Missing components are appended as they are.
    /// The answer is a snapshot: use <see cref="RootFileSystem"/> to act on it without races.
    /// </summary>
    public static string Resolve(string root, string path, bool followFinal = true)
    {
        var full = Path.GetFullPath(root);
        using var entry = RootWalker.Walk(Native.Open(full, OpenFlags.Path | OpenFlags.Directory), full, path, followFinal, lenient: true);
        return entry.HostPath;
    }

    /// <summary>The path in the root's view for a host path under the root ("/" for the root itself).</summary>
    public static string ToRootView(string root, string hostPath)
    {
        var relative = Path.GetRelativePath(root, hostPath);
        return relative == "." ? "/" : "/" + relative;
    }

    /// <summary>Like <see cref="Resolve"/>, but null instead of an exception (link loops, unreadable components): for read-only probes.</summary>
    public static string? TryResolve(string root, string path)
    {
        try
        {
            return Resolve(root, path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

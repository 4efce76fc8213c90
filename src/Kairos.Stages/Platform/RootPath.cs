namespace Kairos.Stages.Platform;

/// <summary>Resolves a path inside a root the way the kernel would after chroot: symlinks, "..", and absolute link targets stay inside.</summary>
public static class RootPath
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The host path for <paramref name="path"/> (absolute in the root's view). Every existing
    /// component that is a symlink is followed within the root; the final one only when
    /// <paramref name="followFinal"/> is set. Missing components are appended as they are.
    /// </summary>
    public static string Resolve(string root, string path, bool followFinal = true)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(Split(path).Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "." or "")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join(root, resolved, part);
            var isFinal = pending.Count == 0;
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target && (!isFinal || followFinal))
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many levels of symbolic links resolving {path} in {root}");
                }

                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                foreach (var t in Split(target).Reverse())
                {
                    pending.Push(t);
                }

                continue;
            }

            resolved.Add(part);
        }

        return Join(root, resolved, null);
    }

    /// <summary>The path in the root's view for a host path under the root ("/" for the root itself).</summary>
    public static string ToRootView(string root, string hostPath)
    {
        var relative = Path.GetRelativePath(root, hostPath);
        return relative == "." ? "/" : "/" + relative;
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string root, List<string> parts, string? last)
    {
        var all = last is null ? parts : [.. parts, last];
        var trimmed = root.TrimEnd('/');
        return all.Count == 0 ? (trimmed.Length == 0 ? "/" : trimmed) : trimmed + "/" + string.Join('/', all);
    }
}

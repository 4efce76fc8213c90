using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// Resolves a path inside a root the way the kernel does after chroot, one component at a time
/// with descriptors: every directory is opened with O_PATH|O_NOFOLLOW|O_DIRECTORY relative to its
/// parent's descriptor, so a link swapped in after a check makes the open fail instead of being
/// followed; links are read with readlinkat and followed by hand (absolute targets restart at the
/// root, ".." stops at the root), at most 40 of them.
/// </summary>
internal static class RootWalker
{
    public const int MaxLinks = 40;
    private const int MaxRetries = 64;

    /// <summary>
    /// Walks <paramref name="path"/> from <paramref name="root"/> (an O_PATH descriptor the result takes over).
    /// The final component is followed only when <paramref name="followFinal"/> is set. A missing or
    /// non-directory intermediate component throws, unless <paramref name="lenient"/> is set: then the
    /// rest is appended to the host path as written and the status is null.
    /// </summary>
    public static ResolvedEntry Walk(SafeFileHandle root, string rootPath, string path, bool followFinal, bool lenient = false)
    {
        var handles = new List<SafeFileHandle> { root };
        var names = new List<string>();
        var pending = new Stack<string>(Split(path).Reverse());
        var links = 0;
        var retries = 0;
        try
        {
            while (pending.Count > 0)
            {
                var part = pending.Pop();
                if (part is "." or "")
                {
                    continue;
                }

                if (part == "..")
                {
                    PopTo(handles, names, Math.Max(1, handles.Count - 1));
                    continue;
                }

                var isFinal = !pending.Any(p => p is not ("" or "."));
                var status = Native.TryStat(handles[^1], part, out var errno);
                if (status is { IsSymlink: true } && (!isFinal || followFinal))
                {
                    if (++links > MaxLinks)
                    {
                        throw Native.Error(Errno.Loop, "resolve", $"{path} in {rootPath}");
                    }

                    var target = Native.TryReadLinkAt(handles[^1], part, out errno);
                    if (target is null)
                    {
                        // Replaced between statx and readlinkat: look again.
                        if (errno is Errno.NoEntry or Errno.Invalid && ++retries < MaxRetries)
                        {
                            links--;
                            pending.Push(part);
                            continue;
                        }

                        throw Native.Error(errno, "readlinkat", path);
                    }

                    if (target.Length == 0)
                    {
                        throw Native.Error(Errno.NoEntry, "resolve", path);
                    }

                    if (target.StartsWith('/'))
                    {
                        PopTo(handles, names, 1);
                    }

                    foreach (var piece in Split(target).Reverse())
                    {
                        pending.Push(piece);
                    }

                    continue;
                }

                if (isFinal)
                {
                    return new ResolvedEntry(handles, part, status, Join(rootPath, names, part));
                }

                if (status is null || !status.Value.IsDirectory)
                {
                    var code = status is null ? errno : Errno.NotDirectory;
                    if (lenient)
                    {
                        names.Add(part);
                        return Missing(handles, rootPath, names, pending);
                    }

                    throw code == Errno.NoEntry
                        ? new DirectoryNotFoundException($"resolve {path} in {rootPath}: {part} does not exist")
                        : Native.Error(code, "resolve", path);
                }

                var next = Native.TryOpenAt(handles[^1], part, OpenFlags.Path | OpenFlags.Directory | OpenFlags.NoFollow, out errno);
                if (next is null)
                {
                    // Swapped between statx and openat (for a link, or removed): look again.
                    if (errno is Errno.Loop or Errno.NotDirectory or Errno.NoEntry && ++retries < MaxRetries)
                    {
                        pending.Push(part);
                        continue;
                    }

                    throw Native.Error(errno, "openat", path);
                }

                handles.Add(next);
                names.Add(part);
            }

            var self = Native.Stat(handles[^1], string.Empty, path);
            return new ResolvedEntry(handles, string.Empty, self, Join(rootPath, names, null));
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }

            throw;
        }
    }

    private static ResolvedEntry Missing(List<SafeFileHandle> handles, string rootPath, List<string> names, Stack<string> rest)
    {
        foreach (var part in rest)
        {
            if (part == "..")
            {
                if (names.Count > 0)
                {
                    names.RemoveAt(names.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                names.Add(part);
            }
        }

        return new ResolvedEntry(handles, string.Empty, null, Join(rootPath, names, null));
    }

    private static void PopTo(List<SafeFileHandle> handles, List<string> names, int count)
    {
        while (handles.Count > count)
        {
            handles[^1].Dispose();
            handles.RemoveAt(handles.Count - 1);
            names.RemoveAt(names.Count - 1);
        }
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string root, List<string> parts, string? last)
    {
        var all = last is null ? parts : [.. parts, last];
        var trimmed = root.TrimEnd('/');
        return all.Count == 0 ? (trimmed.Length == 0 ? "/" : trimmed) : trimmed + "/" + string.Join('/', all);
    }
}

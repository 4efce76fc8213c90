namespace Kairos.Stages.Context;

/// <summary>Resolves an absolute path inside a target root, following symlinks within the root and never out of it.</summary>
public static class RootPath
{
    private const int MaxLinks = 40;

    /// <summary>The host path of <paramref name="path"/> inside <paramref name="root"/>, or null on a symlink loop.</summary>
    public static string? Resolve(string root, string path)
    {
        root = Path.GetFullPath(root);
        var pending = new Stack<string>(Split(path).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
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

            var host = Path.Combine([root, .. resolved, part]);
            var target = new FileInfo(host).LinkTarget;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var next in Split(target).Reverse())
            {
                pending.Push(next);
            }
        }

        return Path.Combine([root, .. resolved]);
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// Finds a binary inside the root like a PATH search after chroot: each search directory in order,
/// symlinks followed within the root, directories ignored; the first executable file wins.
/// </summary>
internal static class BinaryLocator
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static BinaryLookup Find(CheckContext context, string name)
    {
        BinaryLookup? fallback = null;
        foreach (var directory in context.SearchPath)
        {
            var candidate = $"{directory.TrimEnd('/')}/{name}";
            var entry = RootEntry.Lstat(context.Files, candidate);
            if (!entry.Present)
            {
                continue;
            }

            var target = RootEntry.Target(context.Files, candidate);
            if (target is null)
            {
                fallback ??= new BinaryLookup(name, BinaryLookupKind.DanglingLink, candidate);
                continue;
            }

            if (target.IsDirectory)
            {
                continue;
            }

            if ((target.Mode & AnyExecute) != 0)
            {
                return new BinaryLookup(name, BinaryLookupKind.Executable, candidate);
            }

            if (fallback is null || fallback.Kind != BinaryLookupKind.NotExecutable)
            {
                fallback = new BinaryLookup(name, BinaryLookupKind.NotExecutable, candidate);
            }
        }

        return fallback ?? new BinaryLookup(name, BinaryLookupKind.Missing, null);
    }
}

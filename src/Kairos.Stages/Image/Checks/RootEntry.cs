using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>An lstat inside a root: whether something is at the path itself and, for a symlink, where it points.</summary>
internal sealed record RootEntry(string Path, string? LinkTarget, bool Present)
{
    public bool IsSymlink => LinkTarget is not null;

    public static RootEntry Lstat(IRootFileSystem files, string path) =>
        files.Stat(path, followLinks: false) is { } entry ? new RootEntry(path, entry.LinkTarget, true) : new RootEntry(path, null, false);

    /// <summary>What a path ends at after following every link inside the root, or null when that is nothing.</summary>
    public static RootFileInfo? Target(IRootFileSystem files, string path) => files.Stat(path);
}

namespace Kairos.Stages.Target.Platform;

/// <summary>What statx says about an entry inside a root, with <see cref="Path"/> the root path it was found at (after the links followed).</summary>
public sealed record RootFileInfo(string Path, UnixFileMode Mode, int Uid, int Gid, long Size, DateTime ModifiedUtc, bool IsDirectory, bool IsRegular)
{
    /// <summary>The link's target as written, when the entry is a symlink that was not followed.</summary>
    public string? LinkTarget { get; init; }

    public bool IsSymlink => LinkTarget is not null;
}

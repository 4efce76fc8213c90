namespace Kairos.Stages.Target.Platform;

/// <summary>
/// File operations on paths *inside* a root. Every path is resolved within the root, symlinks
/// included (an absolute link to /etc means ROOT/etc); no operation can touch a file outside it.
/// Paths are absolute in the root's view ("/etc/hostname").
/// </summary>
public interface IRootFileSystem
{
    string Root { get; }

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>True when anything (file, dir, link, device) exists at the path, links followed.</summary>
    bool Exists(string path);

    /// <summary>Type, mode, owner, size and mtime of the entry; null when nothing is there. Links are followed inside the root unless <paramref name="followLinks"/> is false (lstat: then a link's target is in the result).</summary>
    RootFileInfo? Stat(string path, bool followLinks = true);

    byte[] ReadAllBytes(string path);

    string ReadAllText(string path);

    /// <summary>Writes atomically (temp file + rename) then sets the exact mode and owner.</summary>
    void WriteFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode, int uid, int gid);

    /// <summary>Overwrites the bytes of an existing regular or pseudo file in place (no rename, no create): kernel tunables under /proc/sys.</summary>
    void WriteExisting(string path, ReadOnlySpan<byte> content);

    /// <summary>Creates one directory (parent must exist) with the mode, then chowns it.</summary>
    void CreateDirectory(string path, UnixFileMode mode, int uid, int gid);

    void SetMode(string path, UnixFileMode mode);

    void SetOwner(string path, int uid, int gid);

    void Delete(string path);

    /// <summary>Creates or replaces a symlink at <paramref name="path"/> (ln -sf semantics).</summary>
    void CreateSymlink(string path, string target);

    IReadOnlyList<string> ListDirectory(string path);
}

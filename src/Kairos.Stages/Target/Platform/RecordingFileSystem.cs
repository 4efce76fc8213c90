using System.Security.Cryptography;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// An <see cref="IRootFileSystem"/> that passes every call to another one and reports each change
/// that succeeded (write, mkdir, chmod, chown, delete, symlink) as a <see cref="JournalEntry"/>.
/// Reads pass through unrecorded.
/// </summary>
public sealed class RecordingFileSystem(IRootFileSystem inner, Action<JournalEntry> record) : IRootFileSystem
{
    public string Root => inner.Root;

    public RootFileInfo? Stat(string path, bool followLinks = true) => inner.Stat(path, followLinks);

    public bool FileExists(string path) => inner.FileExists(path);

    public bool DirectoryExists(string path) => inner.DirectoryExists(path);

    public bool Exists(string path) => inner.Exists(path);

    public byte[] ReadAllBytes(string path) => inner.ReadAllBytes(path);

    public string ReadAllText(string path) => inner.ReadAllText(path);

    public IReadOnlyList<string> ListDirectory(string path) => inner.ListDirectory(path);

    public void WriteFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode, int uid, int gid)
    {
        inner.WriteFile(path, content, mode, uid, gid);
        record(new JournalEntry(JournalOperation.WriteFile, path)
        {
            Mode = mode,
            Uid = uid,
            Gid = gid,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        });
    }

    public void WriteExisting(string path, ReadOnlySpan<byte> content)
    {
        inner.WriteExisting(path, content);
        record(new JournalEntry(JournalOperation.WriteFile, path) { Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) });
    }

    public void CreateDirectory(string path, UnixFileMode mode, int uid, int gid)
    {
        inner.CreateDirectory(path, mode, uid, gid);
        record(new JournalEntry(JournalOperation.CreateDirectory, path) { Mode = mode, Uid = uid, Gid = gid });
    }

    public void SetMode(string path, UnixFileMode mode)
    {
        inner.SetMode(path, mode);
        record(new JournalEntry(JournalOperation.SetMode, path) { Mode = mode });
    }

    public void SetOwner(string path, int uid, int gid)
    {
        inner.SetOwner(path, uid, gid);
        record(new JournalEntry(JournalOperation.SetOwner, path) { Uid = uid, Gid = gid });
    }

    public void Delete(string path)
    {
        inner.Delete(path);
        record(new JournalEntry(JournalOperation.Delete, path));
    }

    public void CreateSymlink(string path, string target)
    {
        inner.CreateSymlink(path, target);
        record(new JournalEntry(JournalOperation.CreateSymlink, path) { LinkTarget = target });
    }
}

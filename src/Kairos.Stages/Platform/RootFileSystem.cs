namespace Kairos.Stages.Platform;

/// <summary>File operations confined to a root directory; every path goes through <see cref="RootPath"/>.</summary>
public sealed class RootFileSystem : IRootFileSystem
{
    public RootFileSystem(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Resolve(string path) => RootPath.Resolve(Root, path);

    public bool FileExists(string path) => File.Exists(Resolve(path));

    public bool DirectoryExists(string path) => Directory.Exists(Resolve(path));

    public bool Exists(string path)
    {
        var host = Resolve(path);
        return File.Exists(host) || Directory.Exists(host);
    }

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(Resolve(path));

    public string ReadAllText(string path) => File.ReadAllText(Resolve(path));

    public void WriteFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode, int uid, int gid)
    {
        var host = RootPath.Resolve(Root, path, followFinal: false);
        var directory = Path.GetDirectoryName(host) ?? Root;
        var temp = Path.Combine(directory, $".{Path.GetFileName(host)}.ks-{Guid.NewGuid():N}");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(content);
        }

        try
        {
            File.SetUnixFileMode(temp, mode);
            Native.Chown(temp, uid, gid);
            File.Move(temp, host, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public void CreateDirectory(string path, UnixFileMode mode, int uid, int gid)
    {
        var host = Resolve(path);
        Directory.CreateDirectory(host, mode);
        Native.Chown(host, uid, gid);
    }

    public void SetMode(string path, UnixFileMode mode) => File.SetUnixFileMode(Resolve(path), mode);

    public void SetOwner(string path, int uid, int gid) => Native.Chown(Resolve(path), uid, gid);

    public void Delete(string path)
    {
        var host = RootPath.Resolve(Root, path, followFinal: false);
        if (Directory.Exists(host) && new DirectoryInfo(host).LinkTarget is null)
        {
            Directory.Delete(host, recursive: true);
        }
        else
        {
            File.Delete(host);
        }
    }

    public void CreateSymlink(string path, string target)
    {
        var host = RootPath.Resolve(Root, path, followFinal: false);
        if (new FileInfo(host).LinkTarget is not null || File.Exists(host))
        {
            File.Delete(host);
        }

        File.CreateSymbolicLink(host, target);
    }

    public IReadOnlyList<string> ListDirectory(string path) =>
        [.. Directory.EnumerateFileSystemEntries(Resolve(path)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}

namespace Kairos.Stages.Tests.Checks;

/// <summary>A throw-away root directory with helpers that write files, links and directories in the root's view.</summary>
public sealed class TempRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ks-checks-").FullName;

    public string Host(string path) => System.IO.Path.Combine(Path, path.TrimStart('/'));

    public TempRoot Dir(string path)
    {
        Directory.CreateDirectory(Host(path));
        return this;
    }

    public TempRoot File(string path, string content = "x\n", UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Host(path))!);
        System.IO.File.WriteAllText(Host(path), content);
        System.IO.File.SetUnixFileMode(Host(path), mode);
        return this;
    }

    public TempRoot Exec(string path) => File(path, "#!/bin/sh\n", (UnixFileMode)0b111_101_101);

    public TempRoot Link(string path, string target)
    {
        Remove(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Host(path))!);
        System.IO.File.CreateSymbolicLink(Host(path), target);
        return this;
    }

    public TempRoot Remove(string path)
    {
        var host = Host(path);
        if (new FileInfo(host).LinkTarget is not null || System.IO.File.Exists(host))
        {
            System.IO.File.Delete(host);
        }
        else if (Directory.Exists(host))
        {
            Directory.Delete(host, recursive: true);
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a temp dir left behind is harmless
        }
    }
}

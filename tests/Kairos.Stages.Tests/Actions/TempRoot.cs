using System.Text;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Tests.Actions;

/// <summary>A throw-away target root directory with helpers to seed and read files.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = Directory.CreateTempSubdirectory("ks-actions-").FullName;
        Files = new RootFileSystem(Path);
    }

    public string Path { get; }

    public RootFileSystem Files { get; }

    public string Host(string rootPath) => System.IO.Path.Combine(Path, rootPath.TrimStart('/'));

    public TempRoot Write(string rootPath, string content, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        var host = Host(rootPath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
        File.WriteAllText(host, content, new UTF8Encoding(false));
        File.SetUnixFileMode(host, mode);
        return this;
    }

    public TempRoot Mkdir(string rootPath, UnixFileMode mode = (UnixFileMode)0x1ED)
    {
        Directory.CreateDirectory(Host(rootPath));
        File.SetUnixFileMode(Host(rootPath), mode);
        return this;
    }

    public string Read(string rootPath) => File.ReadAllText(Host(rootPath));

    public bool Exists(string rootPath) => File.Exists(Host(rootPath)) || Directory.Exists(Host(rootPath));

    public string Mode(string rootPath) => "0" + Convert.ToString((int)File.GetUnixFileMode(Host(rootPath)), 8);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.TestSupport;

/// <summary>
/// A disposable temporary directory for tests (a target root, a scratch tree), with helpers that write files, links and
/// directories in the root's view (absolute paths are taken inside it) and fingerprint the tree.
/// </summary>
public sealed class TempRoot : IDisposable
{
    private RootFileSystem? _files;

    public TempRoot(string? prefix = null)
    {
        Path = Directory.CreateTempSubdirectory(prefix ?? "ks-test-").FullName;
    }

    public string Path { get; }

    /// <summary>The product's confined view of this directory as a target root.</summary>
    public RootFileSystem Files => _files ??= new RootFileSystem(Path);

    /// <summary>The host path of <paramref name="relativePath"/> inside this directory.</summary>
    public string HostPath(string relativePath) => System.IO.Path.Combine(Path, relativePath.TrimStart('/'));

    /// <summary>Writes a file (creating parent directories), with an exact mode when one is given.</summary>
    public TempRoot Write(string relativePath, string text, UnixFileMode? mode = null)
    {
        var host = HostPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
        System.IO.File.WriteAllText(host, text);
        if (mode is { } m)
        {
            System.IO.File.SetUnixFileMode(host, m);
        }

        return this;
    }

    /// <summary>Writes a file with mode 0644 by default (a stand-in file whose content does not matter).</summary>
    public TempRoot File(string relativePath, string text = "x\n", UnixFileMode mode = (UnixFileMode)0x1A4) => Write(relativePath, text, mode);

    /// <summary>Writes an executable stand-in (0755, a shell line).</summary>
    public TempRoot Exec(string relativePath) => Write(relativePath, "#!/bin/sh\n", (UnixFileMode)0x1ED);

    /// <summary>Creates a directory (and its parents), with an exact mode when one is given.</summary>
    public TempRoot Mkdir(string relativePath, UnixFileMode? mode = null)
    {
        var host = CreateDirectory(relativePath);
        if (mode is { } m)
        {
            System.IO.File.SetUnixFileMode(host, m);
        }

        return this;
    }

    /// <summary>Creates a directory (and its parents); returns its host path.</summary>
    public string CreateDirectory(string relativePath) => Directory.CreateDirectory(HostPath(relativePath)).FullName;

    /// <summary>Creates (or replaces) a symlink at <paramref name="relativePath"/> pointing at <paramref name="target"/> as written.</summary>
    public TempRoot Link(string relativePath, string target)
    {
        Remove(relativePath);
        var host = HostPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
        System.IO.File.CreateSymbolicLink(host, target);
        return this;
    }

    /// <summary>Removes a file, link or directory tree, if there is one.</summary>
    public TempRoot Remove(string relativePath)
    {
        var host = HostPath(relativePath);
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

    public string Read(string relativePath) => System.IO.File.ReadAllText(HostPath(relativePath));

    public bool Exists(string relativePath) => System.IO.File.Exists(HostPath(relativePath)) || Directory.Exists(HostPath(relativePath));

    /// <summary>The mode as octal text, e.g. <c>0644</c>.</summary>
    public string Mode(string relativePath) => "0" + Convert.ToString((int)System.IO.File.GetUnixFileMode(HostPath(relativePath)), 8);

    /// <summary>
    /// A SHA-256 over every entry's path, type, mode, owner, link target and bytes (links never
    /// followed). With <paramref name="includeChangeTimes"/> each inode's ctime counts too, so even a
    /// created-then-removed temp file or a chmod to the same mode shows.
    /// </summary>
    public string Snapshot(bool includeChangeTimes = false) => Fingerprint(Path, includeChangeTimes);

    /// <summary>The same fingerprint for any host directory.</summary>
    public static string Fingerprint(string directory, bool includeChangeTimes = false)
    {
        var text = new StringBuilder();
        using var anchor = Native.Open(directory, OpenFlags.Path | OpenFlags.Directory);
        Describe(anchor, directory, ".", text, includeChangeTimes);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Deletes the directory. Mounts left inside it (a failed chroot test) are lazily detached
    /// first, and the delete never crosses a mount point: a bind of the host's /dev left behind
    /// must not have its device nodes removed.
    /// </summary>
    public void Dispose()
    {
        foreach (var mount in MountTable.MountsUnder(Path).Reverse())
        {
            HostShellUnmount(mount);
        }

        try
        {
            new RootFileSystem(System.IO.Path.GetDirectoryName(Path)!).Delete("/" + System.IO.Path.GetFileName(Path));
        }
        catch (IOException)
        {
            // Best effort: a test asserting on leftovers reports them itself.
        }
    }

    private static void HostShellUnmount(string mount)
    {
        Programs.Try(["umount", "-l", mount]);
    }

    private static void Describe(Microsoft.Win32.SafeHandles.SafeFileHandle anchor, string top, string relative, StringBuilder text, bool changeTimes)
    {
        var host = System.IO.Path.Combine(top, relative);
        var status = Native.Stat(anchor, host, host);
        text.Append($"{relative}\t{status.Mode:x}\t{status.Uid}:{status.Gid}");
        if (changeTimes)
        {
            text.Append($"\t{status.ChangedNanoseconds}");
        }

        if (status.IsSymlink)
        {
            text.Append("\t-> ").Append(new FileInfo(host).LinkTarget);
        }
        else if (status.IsRegular)
        {
            text.Append('\t').Append(Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(host))));
        }

        text.Append('\n');
        if (status.IsDirectory)
        {
            foreach (var child in Directory.EnumerateFileSystemEntries(host).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal))
            {
                Describe(anchor, top, relative == "." ? child! : $"{relative}/{child}", text, changeTimes);
            }
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Tests.Support;

/// <summary>A disposable temporary directory for tests, with helpers to write files and fingerprint the tree.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot(string? prefix = null)
    {
        Path = Directory.CreateTempSubdirectory(prefix ?? "ks-test-").FullName;
    }

    public string Path { get; }

    /// <summary>The host path of <paramref name="relativePath"/> inside this directory.</summary>
    public string HostPath(string relativePath) => System.IO.Path.Combine(Path, relativePath.TrimStart('/'));

    /// <summary>Writes a file (creating parent directories) with an optional exact mode; returns its host path.</summary>
    public string Write(string relativePath, string text, UnixFileMode? mode = null)
    {
        var host = HostPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
        File.WriteAllText(host, text);
        if (mode is { } m)
        {
            File.SetUnixFileMode(host, m);
        }

        return host;
    }

    /// <summary>Creates a directory (and its parents); returns its host path.</summary>
    public string CreateDirectory(string relativePath) => Directory.CreateDirectory(HostPath(relativePath)).FullName;

    /// <summary>Creates a symlink at <paramref name="relativePath"/> pointing at <paramref name="target"/> as written.</summary>
    public string Link(string relativePath, string target)
    {
        var host = HostPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(host)!);
        File.CreateSymbolicLink(host, target);
        return host;
    }

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
        using var process = System.Diagnostics.Process.Start("umount", ["-l", mount]);
        process.WaitForExit();
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
            text.Append('\t').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(host))));
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

using System.Globalization;
using System.Security.Cryptography;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Support;

/// <summary>
/// Every file, directory, symlink and special file under a directory (links never followed):
/// relative path, type, mode, owner, size, SHA-256 of regular files and link target. Two
/// snapshots compare equal exactly when the tree is byte-identical (mount points are not entered); <see cref="Diff"/> names what changed.
/// </summary>
public sealed class RootSnapshot
{
    private readonly SortedDictionary<string, string> _entries;

    private RootSnapshot(SortedDictionary<string, string> entries) => _entries = entries;

    public int Count => _entries.Count;

    public static RootSnapshot Take(string directory)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var anchor = Native.Open(directory, OpenFlags.Path | OpenFlags.Directory);
        Add(anchor, directory, ".", entries);
        return new RootSnapshot(entries);
    }

    /// <summary>One line per added, removed or changed entry; empty when the trees are identical.</summary>
    public string Diff(RootSnapshot after)
    {
        var lines = new List<string>();
        foreach (var path in _entries.Keys.Union(after._entries.Keys).Order(StringComparer.Ordinal))
        {
            var was = _entries.GetValueOrDefault(path);
            var now = after._entries.GetValueOrDefault(path);
            if (was != now)
            {
                lines.Add($"{path}: {was ?? "(absent)"} => {now ?? "(absent)"}");
            }
        }

        return string.Join('\n', lines);
    }

    private static void Add(Microsoft.Win32.SafeHandles.SafeFileHandle anchor, string top, string relative, SortedDictionary<string, string> entries)
    {
        var host = Path.Combine(top, relative);
        var status = Native.Stat(anchor, host, host);
        var type = status.IsDirectory ? "dir" : status.IsSymlink ? "link" : status.IsRegular ? "file" : "special";
        var size = status.IsRegular ? new FileInfo(host).Length : 0;
        var content = status.IsRegular ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(host)))
            : status.IsSymlink ? "-> " + new FileInfo(host).LinkTarget : "";
        entries[relative] = string.Create(CultureInfo.InvariantCulture, $"{type} {Convert.ToString((int)status.Permissions, 8)} {status.Uid}:{status.Gid} {size} {content}");
        if (status.IsDirectory && status.IsMountRoot && relative != ".")
        {
            // /proc, /sys, /dev bound by a run in progress: their content is the host's, not the root's.
            entries[relative] += " (mount point, not entered)";
        }
        else if (status.IsDirectory)
        {
            foreach (var child in Directory.EnumerateFileSystemEntries(host).Select(Path.GetFileName))
            {
                Add(anchor, top, relative == "." ? child! : $"{relative}/{child}", entries);
            }
        }
    }
}

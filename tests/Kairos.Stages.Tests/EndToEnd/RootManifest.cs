using System.Security.Cryptography;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Every entry under a root (one file system: mounts inside it are not entered): type, mode,
/// owner, size, sha256 of regular files, symlink target. Two manifests differ in exactly the paths
/// whose entry was added, removed or changed. Times are left out: rewriting the same bytes with
/// the same metadata is no change to the image.
/// </summary>
internal sealed class RootManifest
{
    private readonly Dictionary<string, string> _entries;

    private RootManifest(Dictionary<string, string> entries) => _entries = entries;

    public int Count => _entries.Count;

    public static RootManifest Take(string root, params string[] excluded)
    {
        // find(1) reads type, mode and owner in one pass (.NET has no lstat owner API); we hash the files.
        var listing = DebianRoot.Run("find", root, "-xdev", "-mindepth", "1", "-printf", @"%P\0%y %m %U:%G %s\0%l\0");
        var fields = listing.Split('\0');
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 2 < fields.Length; i += 3)
        {
            var relative = "/" + fields[i];
            if (excluded.Any(e => relative == e || relative.StartsWith(e + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            var entry = fields[i + 1];
            entries[relative] = entry[0] switch
            {
                'f' => entry + " " + Hash(Path.Combine(root, fields[i])),
                'l' => entry + " -> " + fields[i + 2],
                'd' => entry[..entry.LastIndexOf(' ')],
                _ => entry,
            };
        }

        return new RootManifest(entries);
    }

    /// <summary>Paths added, removed or changed from <paramref name="before"/> to this manifest, sorted, each with what changed.</summary>
    public IReadOnlyList<string> ChangesSince(RootManifest before)
    {
        var changes = new List<string>();
        foreach (var (path, entry) in _entries)
        {
            if (!before._entries.TryGetValue(path, out var old))
            {
                changes.Add($"added {path}: {entry}");
            }
            else if (old != entry)
            {
                changes.Add($"changed {path}: {old} => {entry}");
            }
        }

        changes.AddRange(before._entries.Keys.Where(p => !_entries.ContainsKey(p)).Select(p => $"removed {p}"));
        changes.Sort(StringComparer.Ordinal);
        return changes;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

using System.Globalization;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// File system images filled from a directory without root or loop devices: ext2 with
/// <c>mkfs.ext2 -d</c>, FAT with <c>mkfs.vfat</c> + <c>mcopy</c>. UUIDs, hash seeds, volume ids and
/// timestamps are fixed, so the same input gives the same bytes.
/// </summary>
public static class PartitionImages
{
    private const long MiB = 1024 * 1024;

    public static async Task Ext2Async(string directory, string image, long sizeMiB, string label, Guid uuid, long epoch, IReadOnlyList<(string Path, string Mode)> skeleton, CancellationToken cancellationToken)
    {
        await using (var file = File.Create(image))
        {
            file.SetLength(sizeMiB * MiB);
        }

        var time = Environment(epoch);
        await MediaTool.RunAsync(
            "mkfs.ext2",
            ["-q", "-F", "-t", "ext2", "-L", label, "-U", uuid.ToString(), "-E", $"hash_seed={uuid},root_owner=0:0", "-d", directory, image],
            cancellationToken,
            $"making the {label} file system (does the content fit in {sizeMiB} MiB?)",
            time);
        var missing = skeleton.Where(s => !Path.Exists(Path.Combine(directory, s.Path))).ToList();
        if (missing.Count > 0)
        {
            // directories the root lacks: made in the image, never in the source
            var commands = Path.Combine(Path.GetDirectoryName(image)!, Path.GetFileName(image) + ".debugfs");
            await File.WriteAllLinesAsync(commands, missing.SelectMany(s => new[] { $"mkdir /{s.Path}", $"sif /{s.Path} mode 04{s.Mode.TrimStart('0').PadLeft(4, '0')}" }), cancellationToken);
            await MediaTool.RunAsync("debugfs", ["-w", "-f", commands, image], cancellationToken, $"adding {string.Join(", ", missing.Select(m => "/" + m.Path))} to {label}", time);
            File.Delete(commands);
        }

        Ext2Times.Pin(image, epoch);
    }

    /// <summary><paramref name="fatBits"/>: 12, 16 or 32 (mkfs.vfat -F), or 0 for mkfs.vfat's choice by size.</summary>
    public static async Task FatAsync(string directory, string image, long sizeMiB, string label, Guid uuid, long epoch, int fatBits, CancellationToken cancellationToken)
    {
        await using (var file = File.Create(image))
        {
            file.SetLength(sizeMiB * MiB);
        }

        var time = Environment(epoch);
        var volumeId = uuid.ToString("N")[..8];
        string[] bits = fatBits == 0 ? [] : ["-F", fatBits.ToString(CultureInfo.InvariantCulture)];
        await MediaTool.RunAsync("mkfs.vfat", [.. bits, "-n", label, "-i", volumeId, "--invariant", image], cancellationToken, $"formatting {label}", time);
        foreach (var entry in Directory.GetFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            await MediaTool.RunAsync("mcopy", ["-s", "-m", "-i", image, entry, "::"], cancellationToken, $"filling {label}", time);
        }
    }

    /// <summary>Sets every file's and directory's mtime under <paramref name="directory"/> (and its own) to <paramref name="epoch"/>.</summary>
    public static void Touch(string directory, long epoch)
    {
        var when = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Append(directory))
        {
            if (new FileInfo(entry).LinkTarget is null)
            {
                File.SetLastWriteTimeUtc(entry, when);
                File.SetLastAccessTimeUtc(entry, when);
            }
        }
    }

    private static Dictionary<string, string?> Environment(long epoch) => new()
    {
        ["E2FSPROGS_FAKE_TIME"] = epoch.ToString(CultureInfo.InvariantCulture),
        ["SOURCE_DATE_EPOCH"] = epoch.ToString(CultureInfo.InvariantCulture),
        ["TZ"] = "UTC",
        ["MTOOLS_SKIP_CHECK"] = "1",
    };
}

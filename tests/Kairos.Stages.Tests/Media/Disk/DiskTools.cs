using System.Text.Json;
using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>Runs build-disk in-process and reads disks back with the field's tools: sfdisk, debugfs, mtools, qemu-img.</summary>
internal static class DiskTools
{
    private static readonly string[] Tools = ["mkfs.ext2", "debugfs", "mkfs.vfat", "mcopy", "mtype", "grub-mkimage", "sfdisk", "qemu-img"];
    private static readonly string[] Directories = ["/usr/bin", "/usr/sbin", "/sbin", "/bin"];

    /// <summary>Why disk tests cannot run here (a tool missing), or null.</summary>
    public static string? Unavailable() =>
        Tools.Where(t => !Directories.Any(d => File.Exists(Path.Combine(d, t))))
            .Select(t => $"needs {t} (build/install-deps.sh installs it)")
            .FirstOrDefault()
        ?? (File.Exists("/usr/lib/grub/i386-pc/boot.img") ? null : "needs grub-pc-bin");

    public static async Task<(int Code, string Output, string Error)> BuildDiskAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["build-disk", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The GPT as sfdisk reads it: one entry per partition (name, type, uuid, start and size in sectors, attributes).</summary>
    public static (string DiskId, List<(string Name, string Type, string Uuid, long Start, long Size, string Attrs)> Partitions) Table(string disk)
    {
        using var json = JsonDocument.Parse(Programs.Run("sfdisk", "--json", disk));
        var table = json.RootElement.GetProperty("partitiontable");
        var parts = table.GetProperty("partitions").EnumerateArray().Select(p => (
            p.GetProperty("name").GetString()!,
            p.GetProperty("type").GetString()!,
            p.GetProperty("uuid").GetString()!,
            p.GetProperty("start").GetInt64(),
            p.GetProperty("size").GetInt64(),
            p.TryGetProperty("attrs", out var a) ? a.GetString()! : "")).ToList();
        return (table.GetProperty("id").GetString()!, parts);
    }

    /// <summary>Copies partition <paramref name="index"/> (0-based) of <paramref name="disk"/> into a file of its own (holes kept).</summary>
    public static string ExtractPartition(string disk, int index, string directory)
    {
        var (_, parts) = Table(disk);
        var target = Path.Combine(directory, $"part{index + 1}-{Guid.NewGuid():N}.img");
        Programs.Run("dd", $"if={disk}", $"of={target}", "bs=1M", "conv=sparse", "status=none", "iflag=skip_bytes,count_bytes", $"skip={parts[index].Start * 512}", $"count={parts[index].Size * 512}");
        return target;
    }

    /// <summary>A file's content inside an ext2 image (debugfs, read-only).</summary>
    public static string Ext2Cat(string image, string path) => Programs.Run("debugfs", "-R", $"cat {path}", image);

    /// <summary>Every path in an ext2 image under <paramref name="directory"/> (debugfs ls).</summary>
    public static string Ext2List(string image, string directory) => Programs.Run("debugfs", "-R", $"ls -p {directory}", image);

    /// <summary>The names in an output directory: after a failure, no disk, no half-written file, no work directory.</summary>
    public static string[] Leftovers(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>()] : [];

    /// <summary>True when <paramref name="file"/> starts with every byte of <paramref name="prefix"/>.</summary>
    public static bool StartsWith(Stream file, string prefix)
    {
        using var expected = File.OpenRead(prefix);
        var a = new byte[1 << 20];
        var b = new byte[1 << 20];
        int read;
        while ((read = expected.Read(a, 0, a.Length)) > 0)
        {
            file.ReadExactly(b, 0, read);
            if (!a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, read)))
            {
                return false;
            }
        }

        return true;
    }
}

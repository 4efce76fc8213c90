using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// The cloud formats of a raw disk, by AuroraBoot's rules: a fixed VHD (Azure), a GCE tar.gz holding
/// exactly <c>disk.raw</c>, a gzip (MAAS). Written here: the VHD footer is 512 bytes; the archives
/// are .NET's tar and gzip writers. Every field that could vary is fixed, so a disk gives the same bytes.
/// </summary>
public static class CloudFormats
{
    public const long MiB = 1024 * 1024;
    public const long GiB = 1024 * MiB;
    private static readonly DateTimeOffset VhdEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Rounds the raw file up to a whole MiB (the virtual size Azure requires) and appends a fixed-disk footer.</summary>
    public static void AppendVhdFooter(string raw, Guid id, long epoch)
    {
        using var file = new FileStream(raw, FileMode.Open, FileAccess.ReadWrite);
        var size = (file.Length + MiB - 1) / MiB * MiB;
        file.SetLength(size);
        file.Position = size;
        file.Write(VhdFooter(size, id, epoch));
    }

    /// <summary>The VHD specification's 512-byte footer of a fixed disk of <paramref name="size"/> bytes.</summary>
    public static byte[] VhdFooter(long size, Guid id, long epoch)
    {
        var footer = new byte[512];
        var f = footer.AsSpan();
        "conectix"u8.CopyTo(f);
        BinaryPrimitives.WriteUInt32BigEndian(f[8..], 2); // features: the reserved bit the specification says is always set
        BinaryPrimitives.WriteUInt32BigEndian(f[12..], 0x00010000);
        BinaryPrimitives.WriteUInt64BigEndian(f[16..], ulong.MaxValue); // data offset: none for a fixed disk
        BinaryPrimitives.WriteUInt32BigEndian(f[24..], (uint)Math.Max(0, epoch - VhdEpoch.ToUnixTimeSeconds()));
        // Hyper-V's creator: readers (QEMU among them) take the disk size from the footer only for creators they know
        // to size disks that way, and compute it from the CHS geometry, which cuts off the backup GPT, for any other.
        "win "u8.CopyTo(f[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(f[32..], 0x00010000);
        "Lnux"u8.CopyTo(f[36..]);
        BinaryPrimitives.WriteInt64BigEndian(f[40..], size);
        BinaryPrimitives.WriteInt64BigEndian(f[48..], size);
        var (cylinders, heads, sectorsPerTrack) = Geometry(size / 512);
        BinaryPrimitives.WriteUInt16BigEndian(f[56..], (ushort)cylinders);
        f[58] = (byte)heads;
        f[59] = (byte)sectorsPerTrack;
        BinaryPrimitives.WriteUInt32BigEndian(f[60..], 2); // fixed
        id.TryWriteBytes(f[68..84], bigEndian: true, out _);
        uint sum = 0;
        foreach (var b in footer)
        {
            sum += b;
        }

        BinaryPrimitives.WriteUInt32BigEndian(f[64..], ~sum);
        return footer;
    }

    /// <summary>The CHS geometry algorithm of the VHD specification (appendix: CHS calculation).</summary>
    public static (long Cylinders, long Heads, long SectorsPerTrack) Geometry(long totalSectors)
    {
        totalSectors = Math.Min(totalSectors, 65535L * 16 * 255);
        long sectorsPerTrack, heads, cylinderTimesHeads;
        if (totalSectors >= 65535L * 16 * 63)
        {
            sectorsPerTrack = 255;
            heads = 16;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
        }
        else
        {
            sectorsPerTrack = 17;
            cylinderTimesHeads = totalSectors / sectorsPerTrack;
            heads = Math.Max(4, (cylinderTimesHeads + 1023) / 1024);
            if (cylinderTimesHeads >= heads * 1024 || heads > 16)
            {
                sectorsPerTrack = 31;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }

            if (cylinderTimesHeads >= heads * 1024)
            {
                sectorsPerTrack = 63;
                heads = 16;
                cylinderTimesHeads = totalSectors / sectorsPerTrack;
            }
        }

        return (cylinderTimesHeads / heads, heads, sectorsPerTrack);
    }

    /// <summary>GCE's size rule: the next whole GiB above the raw size (a whole GiB still gets one more).</summary>
    public static long GceSize(long rawSize) => (rawSize / GiB + 1) * GiB;

    /// <summary>Grows <paramref name="raw"/> by GCE's rule and writes a GNU-format tar.gz holding only <c>disk.raw</c>.</summary>
    public static async Task WriteGceAsync(string raw, string output, long epoch, CancellationToken cancellationToken)
    {
        await using (var grow = new FileStream(raw, FileMode.Open, FileAccess.ReadWrite))
        {
            grow.SetLength(GceSize(grow.Length));
        }

        await using var file = File.Create(output);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Gnu);
        await using var data = File.OpenRead(raw);
        var entry = new GnuTarEntry(TarEntryType.RegularFile, "disk.raw")
        {
            DataStream = data,
            Mode = (UnixFileMode)0x1A4,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(epoch),
            AccessTime = DateTimeOffset.FromUnixTimeSeconds(epoch),
            ChangeTime = DateTimeOffset.FromUnixTimeSeconds(epoch),
            UserName = "root",
            GroupName = "root",
        };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    /// <summary>MAAS: the raw disk gzipped.</summary>
    public static async Task WriteGzipAsync(string raw, string output, CancellationToken cancellationToken)
    {
        await using var file = File.Create(output);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var data = File.OpenRead(raw);
        await data.CopyToAsync(gzip, cancellationToken);
    }
}

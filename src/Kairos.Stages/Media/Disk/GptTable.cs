using System.Buffers.Binary;
using System.Text;

namespace Kairos.Stages.Media.Disk;

/// <summary>A partition as it goes into the GPT: sectors are 512 bytes, <paramref name="LastLba"/> inclusive.</summary>
public sealed record GptEntry(Guid Type, Guid Id, long FirstLba, long LastLba, ulong Attributes, string Name);

/// <summary>
/// Writes a GPT (UEFI 2.10 §5.3) into a disk image file: the protective MBR in LBA 0 (keeping any
/// boot code already in its first 440 bytes), the primary header in LBA 1 with 128 entries from LBA 2,
/// and the backup entries and header at the end of the file.
/// </summary>
public static class GptTable
{
    public const int SectorSize = 512;
    private const int EntryCount = 128;
    private const int EntrySize = 128;
    private const int EntrySectors = EntryCount * EntrySize / SectorSize;
    private const int HeaderSize = 92;

    /// <summary><paramref name="hybridMbrType"/> non-zero: a hybrid MBR whose entry 1 is the first partition with that type, for firmware that reads only an MBR (the Raspberry Pi's).</summary>
    public static void Write(FileStream disk, Guid diskId, IReadOnlyList<GptEntry> entries, byte hybridMbrType = 0)
    {
        var sectors = disk.Length / SectorSize;
        var lastLba = sectors - 1;
        var firstUsable = 2 + EntrySectors;
        var lastUsable = lastLba - EntrySectors - 1;
        foreach (var e in entries)
        {
            if (e.FirstLba < firstUsable || e.LastLba > lastUsable || e.LastLba < e.FirstLba)
            {
                throw new MediaException($"partition '{e.Name}' (LBA {e.FirstLba}-{e.LastLba}) lies outside the usable sectors {firstUsable}-{lastUsable}");
            }
        }

        var array = new byte[EntryCount * EntrySize];
        for (var i = 0; i < entries.Count; i++)
        {
            var span = array.AsSpan(i * EntrySize, EntrySize);
            entries[i].Type.TryWriteBytes(span[..16]);
            entries[i].Id.TryWriteBytes(span[16..32]);
            BinaryPrimitives.WriteInt64LittleEndian(span[32..], entries[i].FirstLba);
            BinaryPrimitives.WriteInt64LittleEndian(span[40..], entries[i].LastLba);
            BinaryPrimitives.WriteUInt64LittleEndian(span[48..], entries[i].Attributes);
            var name = Encoding.Unicode.GetBytes(entries[i].Name);
            name.AsSpan(0, Math.Min(name.Length, 72)).CopyTo(span[56..]);
        }

        var arrayCrc = Crc32.Compute(array);
        WriteAt(disk, SectorSize, Header(diskId, 1, lastLba, firstUsable, lastUsable, 2, arrayCrc));
        WriteAt(disk, 2L * SectorSize, array);
        WriteAt(disk, (lastLba - EntrySectors) * SectorSize, array);
        WriteAt(disk, lastLba * SectorSize, Header(diskId, lastLba, 1, firstUsable, lastUsable, lastLba - EntrySectors, arrayCrc));
        WriteAt(disk, 0, hybridMbrType == 0 ? ProtectiveMbr(disk, sectors) : HybridMbr(disk, entries[0], hybridMbrType));
    }

    private static byte[] Header(Guid diskId, long myLba, long alternateLba, long firstUsable, long lastUsable, long entriesLba, uint arrayCrc)
    {
        var header = new byte[SectorSize];
        var h = header.AsSpan();
        "EFI PART"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0x00010000);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], myLba);
        BinaryPrimitives.WriteInt64LittleEndian(h[32..], alternateLba);
        BinaryPrimitives.WriteInt64LittleEndian(h[40..], firstUsable);
        BinaryPrimitives.WriteInt64LittleEndian(h[48..], lastUsable);
        diskId.TryWriteBytes(h[56..72]);
        BinaryPrimitives.WriteInt64LittleEndian(h[72..], entriesLba);
        BinaryPrimitives.WriteUInt32LittleEndian(h[80..], EntryCount);
        BinaryPrimitives.WriteUInt32LittleEndian(h[84..], EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(h[88..], arrayCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], Crc32.Compute(h[..HeaderSize]));
        return header;
    }

    /// <summary>LBA 0: boot code kept (GRUB's boot.img for BIOS disks), one 0xEE partition covering the disk, the 55AA signature.</summary>
    private static byte[] ProtectiveMbr(FileStream disk, long sectors)
    {
        var mbr = new byte[SectorSize];
        disk.Position = 0;
        disk.ReadExactly(mbr, 0, 440);
        Array.Clear(mbr, 440, SectorSize - 440);
        var entry = mbr.AsSpan(446, 16);
        entry[1] = 0x00;
        entry[2] = 0x02;
        entry[3] = 0x00;
        entry[4] = 0xEE;
        entry[5] = 0xFF;
        entry[6] = 0xFF;
        entry[7] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)Math.Min(sectors - 1, uint.MaxValue));
        mbr[510] = 0x55;
        mbr[511] = 0xAA;
        return mbr;
    }

    /// <summary>
    /// LBA 0 of a hybrid disk: entry 1 is the first GPT partition with an MBR type (what the Pi's firmware reads),
    /// entry 2 a 0xEE partition from LBA 1 up to it (Linux and U-Boot need 0xEE to start at LBA 1, then read
    /// the GPT).
    /// </summary>
    private static byte[] HybridMbr(FileStream disk, GptEntry first, byte type)
    {
        var mbr = ProtectiveMbr(disk, first.FirstLba);
        mbr.AsSpan(446, 16).CopyTo(mbr.AsSpan(462, 16));
        var entry = mbr.AsSpan(446, 16);
        entry.Clear();
        entry[1] = 0xFE;
        entry[2] = 0xFF;
        entry[3] = 0xFF;
        entry[4] = type;
        entry[5] = 0xFE;
        entry[6] = 0xFF;
        entry[7] = 0xFF;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)first.FirstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)(first.LastLba - first.FirstLba + 1));
        return mbr;
    }

    private static void WriteAt(FileStream disk, long offset, byte[] bytes)
    {
        disk.Position = offset;
        disk.Write(bytes);
    }
}

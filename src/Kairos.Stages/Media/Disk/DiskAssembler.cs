namespace Kairos.Stages.Media.Disk;

/// <summary>Puts the partition images (EFI or BIOS boot, COS_CURTIN for MAAS, OEM, RECOVERY) into one disk file at their offsets (zero runs left as holes), then the GPT (with a hybrid MBR for a Raspberry Pi) and, for BIOS, GRUB's boot code.</summary>
public static class DiskAssembler
{
    private const long MiB = 1024 * 1024;
    private const int Chunk = 1024 * 1024;

    public static void Write(string raw, DiskLayout layout, DiskFirmware firmware, long diskMiB, string? efiImage, string? curtinImage, string oemImage, string recoveryImage, string? core, byte hybridMbrType = 0)
    {
        using var disk = new FileStream(raw, FileMode.CreateNew, FileAccess.ReadWrite);
        disk.SetLength(diskMiB * MiB);
        var first = firmware == DiskFirmware.Efi ? layout.Efi : layout.Bios;
        var parts = new List<(DiskPartition Partition, string? Image, long Bytes)>
        {
            (first, efiImage, first.SizeMiB * MiB),
        };
        if (curtinImage is not null)
        {
            parts.Add((layout.Curtin, curtinImage, new FileInfo(curtinImage).Length));
        }

        parts.AddRange(
        [
            (layout.Oem, oemImage, new FileInfo(oemImage).Length),
            (layout.Recovery, recoveryImage, new FileInfo(recoveryImage).Length),
        ]);
        var entries = new List<GptEntry>();
        var offset = layout.HeadMiB * MiB;
        foreach (var (partition, image, bytes) in parts)
        {
            if (image is not null)
            {
                CopySparse(image, disk, offset);
            }

            var firstLba = offset / GptTable.SectorSize;
            var lastLba = firstLba + bytes / GptTable.SectorSize - 1;
            var attributes = partition.Attributes.Aggregate(0UL, (a, bit) => a | (1UL << bit));
            entries.Add(new GptEntry(partition.Type, Uuid5.FromUrlName(partition.GuidName), firstLba, lastLba, attributes, partition.Name));
            offset += bytes;
        }

        if (core is not null)
        {
            BiosGrub.Install(disk, core, entries[0].FirstLba, entries[0].LastLba - entries[0].FirstLba + 1);
        }

        GptTable.Write(disk, Uuid5.FromUrlName(layout.DiskGuidName), entries, hybridMbrType);
    }

    private static void CopySparse(string image, FileStream disk, long offset)
    {
        using var input = File.OpenRead(image);
        var buffer = new byte[Chunk];
        long position = 0;
        int read;
        while ((read = input.Read(buffer, 0, Chunk)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (span.ContainsAnyExcept((byte)0))
            {
                disk.Position = offset + position;
                disk.Write(span);
            }

            position += read;
        }
    }
}

namespace Kairos.Stages.Media.Disk;

/// <summary>The sizes of the disk (MiB) from the root's size and the flags, and whether the output has room for the build.</summary>
public sealed record DiskSizes(long RootMiB, long RecoveryImageMiB, long RecoveryPartitionMiB, long StateMiB, long DiskMiB)
{
    private const long MiB = 1024 * 1024;

    public static DiskSizes For(DiskBuildOptions options, DiskLayout layout, long rootBytes)
    {
        var rootMiB = (rootBytes + MiB - 1) / MiB;
        var image = options.RecoveryImageSizeMiB ?? rootMiB + layout.RecoveryImageExtraMiB;
        if (image < rootMiB)
        {
            throw MediaException.Input($"--recovery-image-size {image}: the image root needs {rootMiB} MiB");
        }

        var partition = image * layout.RecoveryPartitionFactor + layout.RecoveryPartitionExtraMiB;
        var state = options.StateSizeMiB ?? (image * MiB * layout.StateFactor + layout.StateExtraMiB * MiB) / MiB;
        var first = options.Firmware == DiskFirmware.Efi ? layout.Efi.SizeMiB : layout.Bios.SizeMiB;
        var curtin = options.Format == DiskFormat.Maas ? layout.Curtin.SizeMiB : 0;
        var disk = layout.HeadMiB + first + curtin + layout.Oem.SizeMiB + partition + layout.TailMiB;
        if (options.SizeMiB is { } asked)
        {
            disk = asked >= disk ? asked : throw MediaException.Input($"--size {asked}: the disk needs at least {disk} MiB (recovery image {image} MiB)");
        }

        return new DiskSizes(rootMiB, image, partition, state, disk);
    }

    /// <summary>
    /// Bytes the root takes in an ext2 file system: each file rounded up to 4 KiB, plus one block per entry. Symbolic
    /// links count as entries and are never followed (a usrmerge root's <c>/lib -> usr/lib</c> would count twice, and an
    /// absolute link would measure this machine's files).
    /// </summary>
    public static long RootBytes(string root)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                total += 4096;
                if (entry is DirectoryInfo { LinkTarget: null } real)
                {
                    pending.Push(real);
                }
                else if (entry is FileInfo { LinkTarget: null } file)
                {
                    total += (file.Length + 4095) / 4096 * 4096;
                }
            }
        }

        return total;
    }

    public void CheckSpace(string output)
    {
        // at most two copies of the root's data exist at once (recovery.img inside RECOVERY's image, then that in the disk)
        var needed = RootMiB * 2 + 256;
        var free = new DriveInfo(Path.GetFullPath(output)).AvailableFreeSpace / MiB;
        if (free < needed)
        {
            throw MediaException.Input($"--output {output}: {free} MiB free, the build needs about {needed} MiB");
        }
    }
}

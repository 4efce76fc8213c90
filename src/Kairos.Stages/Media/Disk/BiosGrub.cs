using System.Buffers.Binary;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// GRUB for BIOS on the raw disk, from the host's grub-pc-bin and without grub-install (which needs a
/// block device): a core image made with grub-mkimage whose prefix names RECOVERY's GRUB directory on the boot disk,
/// written into the BIOS boot partition, its sector list filled in; boot.img in the MBR pointing at it;
/// the i386-pc modules under RECOVERY's GRUB directory. What grub-bios-setup writes, done on the file.
/// </summary>
public static class BiosGrub
{
    private const string GrubPc = "/usr/lib/grub/i386-pc";

    // grub-core/boot/i386/pc/boot.S and include/grub/i386/pc/boot.h
    private const int KernelSectorOffset = 0x5C;
    private const int BootDriveOffset = 0x64;
    private const int DriveCheckOffset = 0x66;
    private const int BootCodeBytes = 440;
    private const ushort CoreSegment = 0x820;

    public static void CheckHost()
    {
        foreach (var needed in new[] { "boot.img", "diskboot.img", "kernel.img" })
        {
            if (!File.Exists(Path.Combine(GrubPc, needed)))
            {
                throw MediaException.Input($"{GrubPc}/{needed} is missing: --firmware bios takes GRUB from this machine (apt-get install grub-pc-bin)");
            }
        }
    }

    /// <summary>Copies the i386-pc modules into <paramref name="grubDirectory"/>/i386-pc and writes its chain grub.cfg.</summary>
    public static void StageModules(string grubDirectory, string chainConfig)
    {
        var target = Directory.CreateDirectory(Path.Combine(grubDirectory, "i386-pc")).FullName;
        foreach (var file in Directory.GetFiles(GrubPc).Where(f => f.EndsWith(".mod", StringComparison.Ordinal) || f.EndsWith(".lst", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(grubDirectory, "grub.cfg"), chainConfig);
    }

    /// <summary>The core image: <paramref name="modules"/> built in, <paramref name="prefix"/> (e.g. <c>(,gpt3)/grub2</c>) where it finds the rest and grub.cfg.</summary>
    public static async Task<string> MakeCoreAsync(string scratch, IReadOnlyList<string> modules, string prefix, CancellationToken cancellationToken)
    {
        var core = Path.Combine(scratch, "core.img");
        await MediaTool.RunAsync("grub-mkimage", ["-d", GrubPc, "-O", "i386-pc", "-p", prefix, "-o", core, .. modules], cancellationToken, "making the BIOS core image");
        return core;
    }

    /// <summary>Writes <paramref name="core"/> at <paramref name="partitionLba"/> (the BIOS boot partition of <paramref name="partitionSectors"/>) and boot.img into the MBR's code area.</summary>
    public static void Install(FileStream disk, string core, long partitionLba, long partitionSectors)
    {
        var image = File.ReadAllBytes(core);
        var sectors = (image.Length + 511) / 512;
        if (sectors > partitionSectors)
        {
            throw new MediaException($"the BIOS core image ({image.Length} bytes) does not fit the {partitionSectors * 512}-byte BIOS boot partition");
        }

        Array.Resize(ref image, sectors * 512);

        // diskboot.img (the core's first sector) loads the rest from the sector list at its end: one run, then a terminator.
        var list = image.AsSpan(512 - 12, 12);
        BinaryPrimitives.WriteInt64LittleEndian(list, partitionLba + 1);
        BinaryPrimitives.WriteUInt16LittleEndian(list[8..], (ushort)(sectors - 1));
        BinaryPrimitives.WriteUInt16LittleEndian(list[10..], CoreSegment);
        image.AsSpan(512 - 24, 12).Clear();
        disk.Position = partitionLba * 512;
        disk.Write(image);

        var boot = File.ReadAllBytes(Path.Combine(GrubPc, "boot.img"));
        BinaryPrimitives.WriteInt64LittleEndian(boot.AsSpan(KernelSectorOffset), partitionLba);
        boot[BootDriveOffset] = 0xFF;

        // a hard disk: boot.S's check for a bogus BIOS drive number is replaced with two NOPs, as grub-bios-setup does
        boot[DriveCheckOffset] = 0x90;
        boot[DriveCheckOffset + 1] = 0x90;
        disk.Position = 0;
        disk.Write(boot, 0, BootCodeBytes);
    }
}

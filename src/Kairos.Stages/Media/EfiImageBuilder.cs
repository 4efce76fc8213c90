namespace Kairos.Stages.Media;

/// <summary>
/// The FAT image UEFI firmware boots from (<c>boot/uefi.img</c>, label EFI_LIVE): shim as the
/// removable-media boot file and the image's grub beside it, or, for images without them, a grub
/// EFI image made here from the host's GRUB; the chain config at every path GRUB may look.
/// Filled with mkfs.vfat and mcopy, so no root and no loop mount.
/// </summary>
public static class EfiImageBuilder
{
    private const long Step = 4L * 1024 * 1024;

    public static async Task BuildAsync(string root, IsoLayout layout, EfiFiles efi, string chainConfig, IEnumerable<string> chainPaths, string staging, string image, Action<string> log, CancellationToken cancellationToken)
    {
        var boot = Path.Combine(staging, "EFI", "BOOT");
        Directory.CreateDirectory(boot);
        var grub = ImageFiles.FirstExisting(root, efi.Grub);
        var shim = ImageFiles.FirstExisting(root, efi.Shim);
        if (grub is not null && shim is not null)
        {
            log($"EFI: shim {Path.GetFileName(shim)} and grub {Path.GetFileName(grub)} from the image");
            File.Copy(shim, Path.Combine(boot, efi.BootName));
            File.Copy(grub, Path.Combine(boot, efi.GrubName));
        }
        else
        {
            var format = efi.GrubFormat;
            log($"EFI: the image has no shim+grub; making a grub EFI image with grub-mkimage ({format})");
            var modules = $"/usr/lib/grub/{format}";
            if (!Directory.Exists(modules))
            {
                throw new MediaException($"the image has no EFI grub and this machine has no {modules} to make one: install grub-efi-{(format.StartsWith("x86_64", StringComparison.Ordinal) ? "amd64" : "arm64")}-bin");
            }

            await MediaTool.RunAsync("grub-mkimage", ["-d", modules, "-O", format, "-p", layout.EfiFallbackPrefix, "-o", Path.Combine(boot, efi.BootName), .. layout.EfiFallbackModules], cancellationToken, "making the fallback EFI grub");
        }

        foreach (var chain in chainPaths)
        {
            var target = Path.Combine(staging, chain);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, chainConfig, cancellationToken);
        }

        // AuroraBoot's sizing: the staged bytes rounded up to the next 4 MiB, plus 4 MiB when already a multiple.
        var bytes = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var size = (bytes / Step + 1) * Step;
        await using (var file = File.Create(image))
        {
            file.SetLength(size);
        }

        await MediaTool.RunAsync("mkfs.vfat", ["-n", layout.EfiLabel, image], cancellationToken, "formatting the EFI image");
        foreach (var entry in Directory.GetFileSystemEntries(staging).Order(StringComparer.Ordinal))
        {
            await MediaTool.RunAsync("mcopy", ["-s", "-i", image, entry, "::"], cancellationToken, "filling the EFI image");
        }
    }
}

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// The first partition of a Raspberry Pi disk: the Pi's GPU firmware, config.txt, the board's device trees and
/// U-Boot, all from the image (Debian: raspi-firmware, linux-image-arm64, u-boot-rpi), and GRUB as EFI/BOOT's
/// removable-media file with the EFI disk's chain config, which U-Boot's EFI loader starts.
/// </summary>
public static class RpiBoot
{
    public const string Generic = "generic";

    /// <summary>The Pi model the disk is for, or null for the generic EFI/BIOS disk: --model when given, else the image's KAIROS_MODEL when it is a Pi.</summary>
    public static RpiModel? Model(DiskBuildOptions options, RpiLayout rpi, KairosReleaseFile release, string arch)
    {
        var name = options.Model ?? (rpi.Models.ContainsKey(release.Get("KAIROS_MODEL")) ? release.Get("KAIROS_MODEL") : Generic);
        if (name == Generic)
        {
            return null;
        }

        var model = rpi.Models.TryGetValue(name, out var m) ? m : throw MediaException.Input($"--model {name}: build-disk makes {Generic}, {string.Join(", ", rpi.Models.Keys)} disks");
        var problem = arch != "arm64" ? $"the image is {arch}; Raspberry Pi disks are arm64"
            : options.Firmware == DiskFirmware.Bios ? "--firmware bios: a Pi boots U-Boot from its firmware partition, not BIOS"
            : options.Format != DiskFormat.Raw ? $"--format {options.Format.ToString().ToLowerInvariant()}: a Pi disk is raw only"
            : null;
        return problem is null ? model : throw MediaException.Input($"--model {name}: {problem}");
    }

    /// <summary>Fills <paramref name="staging"/> with the partition's files; a file the image lacks is an error naming it and its Debian package.</summary>
    public static void Stage(string root, string staging, RpiLayout rpi, RpiModel model, string bootName, IEnumerable<string> chainPaths, string chain, string config, Action<string> log)
    {
        var uBoot = ImageFiles.InRoot(root, model.UBoot) is { } u && File.Exists(u)
            ? u
            : throw MediaException.Input($"{root}: the image has no U-Boot for {model.Name} ({model.UBoot}; Debian: u-boot-rpi)");
        var firmware = ImageFiles.InRoot(root, rpi.FirmwareDirectory);
        var missing = model.Firmware.Where(f => firmware is null || !File.Exists(Path.Combine(firmware, f))).ToList();
        if (missing.Count > 0)
        {
            throw MediaException.Input($"{root}: the image lacks the Pi firmware {string.Join(", ", missing)} in {rpi.FirmwareDirectory} (Debian: raspi-firmware, from non-free-firmware)");
        }

        var dtbs = rpi.DtbDirectories.SelectMany(d => Expand(root, d)).FirstOrDefault(d => File.Exists(Path.Combine(d, model.Dtbs[0])))
            ?? throw MediaException.Input($"{root}: the image has no device tree {model.Dtbs[0]} (looked in {string.Join(", ", rpi.DtbDirectories)}; Debian: linux-image-arm64)");
        var grub = ImageFiles.FirstExisting(root, rpi.Grub)
            ?? throw MediaException.Input($"{root}: the image has no arm64 EFI GRUB (looked for {string.Join(", ", rpi.Grub)}; Debian: grub-efi-arm64-bin)");

        log($"{model.Name}: U-Boot {model.UBoot}, firmware from {rpi.FirmwareDirectory}, device trees from {dtbs}, GRUB {Path.GetFileName(grub)} as {bootName}");
        Directory.CreateDirectory(staging);
        File.Copy(uBoot, Path.Combine(staging, "u-boot.bin"));
        foreach (var file in model.Firmware)
        {
            File.Copy(Path.Combine(firmware!, file), Path.Combine(staging, file));
        }

        var uBootDtbs = Directory.CreateDirectory(Path.Combine(staging, rpi.UBootDtbDirectory)).FullName;
        foreach (var dtb in model.Dtbs.Where(d => File.Exists(Path.Combine(dtbs, d))))
        {
            File.Copy(Path.Combine(dtbs, dtb), Path.Combine(staging, dtb));
            File.Copy(Path.Combine(dtbs, dtb), Path.Combine(uBootDtbs, dtb));
        }

        File.WriteAllText(Path.Combine(staging, "config.txt"), config);
        var boot = Directory.CreateDirectory(Path.Combine(staging, "EFI", "BOOT")).FullName;
        File.Copy(grub, Path.Combine(boot, bootName));
        DiskFiles.WriteChain(staging, chainPaths, chain);
    }

    /// <summary>The directories a pattern like <c>/usr/lib/linux-image-*/broadcom</c> names in the image, highest version first.</summary>
    private static IEnumerable<string> Expand(string root, string pattern)
    {
        IEnumerable<string> current = [root];
        foreach (var part in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current.SelectMany(d => !part.Contains('*', StringComparison.Ordinal) ? [Path.Combine(d, part)]
                : Directory.Exists(d) ? Directory.GetDirectories(d, part).OrderDescending(StringComparer.Ordinal) : Enumerable.Empty<string>()).ToList();
        }

        return current.Where(Directory.Exists);
    }
}

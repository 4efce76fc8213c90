namespace Kairos.Stages.Media.Disk;

/// <summary>build-disk's flags checked before any work: combinations that cannot be built, numbers, names; reads the cloud config.</summary>
public static class DiskInputs
{
    /// <summary>The --cloud-config text (null without one); a bad combination or an unreadable file is a <see cref="MediaException"/> of bad input.</summary>
    public static string? Check(DiskBuildOptions options)
    {
        if (options.Partitions && options.Format != DiskFormat.Raw)
        {
            throw MediaException.Input($"--partitions writes separate partition images; it cannot be combined with --format {options.Format.ToString().ToLowerInvariant()}");
        }

        if (options.Format == DiskFormat.Maas && options.Firmware == DiskFirmware.Bios)
        {
            throw MediaException.Input("--format maas makes an EFI disk (as AuroraBoot's); it cannot be combined with --firmware bios");
        }

        if (options.CloudConfig is not null && options.NoDefaultCloudConfig)
        {
            throw MediaException.Input("--cloud-config and --no-default-cloud-config: give one or the other");
        }

        foreach (var (flag, value) in new[] { ("--size", options.SizeMiB), ("--recovery-image-size", options.RecoveryImageSizeMiB), ("--state-size", options.StateSizeMiB) })
        {
            if (value is <= 0)
            {
                throw MediaException.Input($"{flag} {value}: must be a positive number of MiB");
            }
        }

        if (options.OverrideName is { } name && (name.Contains('/', StringComparison.Ordinal) || name is "." or ".."))
        {
            throw MediaException.Input($"--override-name '{name}' must be a file name, not a path");
        }

        if (options.CloudConfig is not { } config)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(config);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--cloud-config {config}: cannot read it ({e.Message})");
        }
    }
}

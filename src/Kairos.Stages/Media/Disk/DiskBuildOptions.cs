using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Media.Disk;

/// <summary>Firmware a raw disk boots with.</summary>
public enum DiskFirmware
{
    Efi,
    Bios,
}

/// <summary>What the raw disk becomes: the raw file itself, or a cloud format made from it.</summary>
public enum DiskFormat
{
    Raw,
    Vhd,
    Gce,
    Maas,
}

/// <summary>What <c>build-disk</c> was asked for, as typed on its command line.</summary>
public sealed record DiskBuildOptions
{
    /// <summary><c>dir:PATH</c>, <c>ocifile:PATH</c>, or a local container image name (build-iso's SOURCE).</summary>
    public required string Source { get; init; }

    public string OutputDirectory { get; init; } = ".";

    public string? OverrideName { get; init; }

    public DiskFirmware Firmware { get; init; } = DiskFirmware.Efi;

    public DiskFormat Format { get; init; } = DiskFormat.Raw;

    /// <summary>generic, rpi3 or rpi4 (a Raspberry Pi disk); null: the image's KAIROS_MODEL when it is a Pi, else generic.</summary>
    public string? Model { get; init; }

    /// <summary>Separate partition images (efi.img, oem.img, recovery_partition.img) instead of one disk.</summary>
    public bool Partitions { get; init; }

    /// <summary>Grow the disk to this many MiB (an error when smaller than the disk built).</summary>
    public long? SizeMiB { get; init; }

    public long? RecoveryImageSizeMiB { get; init; }

    public long? StateSizeMiB { get; init; }

    /// <summary>OEM's 90_custom.yaml; null writes the default user unless <see cref="NoDefaultCloudConfig"/>.</summary>
    public string? CloudConfig { get; init; }

    public bool NoDefaultCloudConfig { get; init; }

    public IStageSource Stages { get; init; } = new EmbeddedStageSource();

    /// <summary>Every timestamp in the disk; null: SOURCE_DATE_EPOCH, else the mtime of the image's /etc/kairos-release.</summary>
    public long? Epoch { get; init; }

    public Action<string> Log { get; init; } = _ => { };
}

/// <summary>What build-disk wrote (final paths) and the partition sizes.</summary>
public sealed record DiskResult(IReadOnlyList<string> Files, long DiskBytes, long RecoveryImageBytes, long StateSizeMiB);

using Kairos.Factory.Builders;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;
using Kairos.Stages.Media.Uki;

namespace Kairos.Factory.Jobs;

/// <summary>
/// The media a job makes from its built image besides the live ISO, through the library code the CLI's
/// <c>build-disk</c>, <c>netboot</c> and <c>build-uki</c> commands call (in this process, under the job's
/// cancellation): raw disks (EFI, BIOS), VHD, GCE and MAAS images, netboot files, and a Trusted Boot image's
/// signed UKI ISO, tree and OCI archive. The image is unpacked once and every builder reads that root.
/// Files land in the job's output directory named from the image's kairos-release, as AuroraBoot names them.
/// </summary>
public sealed class MediaSteps(BuildJobContext context, CancellationToken cancellation)
{
    /// <summary>What systemd-boot does with the keys on the UKI media: enroll them on first boot (a machine in setup mode).</summary>
    public const string SecureBootEnroll = "force";

    /// <summary>The disk outputs: request name, firmware and format (the engine's media stage makes the same).</summary>
    public static readonly (string Name, DiskFirmware Firmware, DiskFormat Format)[] Disks =
    [
        ("raw_efi", DiskFirmware.Efi, DiskFormat.Raw),
        ("raw_bios", DiskFirmware.Bios, DiskFormat.Raw),
        ("vhd", DiskFirmware.Efi, DiskFormat.Vhd),
        ("gce", DiskFirmware.Efi, DiskFormat.Gce),
        ("maas", DiskFirmware.Efi, DiskFormat.Maas),
    ];

    /// <summary>Makes the disks and UKI media asked for from <paramref name="source"/> (the builder's SOURCE), and the netboot files from <paramref name="liveIso"/>.</summary>
    public async Task RunAsync(string source, string? liveIso)
    {
        var outputs = context.Spec.Artifacts;
        var wanted = outputs.Names.ToHashSet(StringComparer.Ordinal);
        var trustedIso = context.Spec.TrustedBoot && outputs.Iso;
        if (Disks.Any(disk => wanted.Contains(disk.Name)) || trustedIso || outputs.Uki || outputs.UkiContainer)
        {
            using var root = await Run("media", () => ImageSourceResolver.ResolveAsync(source, context.WorkDir, line => context.Log.Write("media", line), cancellation));
            var stem = ArtifactNaming.Stem("dir:" + root.Path, context.Spec.Architecture);
            foreach (var disk in Disks.Where(disk => wanted.Contains(disk.Name)))
            {
                await DiskAsync(root.Path, disk.Name, disk.Firmware, disk.Format, ArtifactNames.Of(stem, disk.Name));
            }

            if (trustedIso)
            {
                await UkiAsync(root.Path, "iso", "iso", ArtifactNames.Of(stem, "uki-iso"));
            }

            if (outputs.Uki)
            {
                await UkiAsync(root.Path, "uki", "uki", ArtifactNames.Of(stem, "uki"));
            }

            if (outputs.UkiContainer)
            {
                await UkiAsync(root.Path, "uki-container", "container", ArtifactNames.Of(stem, "uki-container"));
            }
        }

        if (outputs.Netboot)
        {
            await NetbootAsync(liveIso ?? throw new StepFailedException("netboot: no live ISO was built to take the netboot files from"));
        }
    }

    private async Task DiskAsync(string root, string step, DiskFirmware firmware, DiskFormat format, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(context.WorkDir, "disk-" + step)).FullName;
        var result = await Run(step, () => DiskBuilder.BuildAsync(
            new DiskBuildOptions
            {
                Source = "dir:" + root,
                OutputDirectory = directory,
                Firmware = firmware,
                Format = format,
                CloudConfig = CloudConfigFile(),
                Log = line => context.Log.Write(step, line),
            },
            cancellation));
        var file = result.Files.Single();
        Publish(file, name);
        Directory.Delete(directory, recursive: true);
    }

    private async Task UkiAsync(string root, string step, string outputType, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(context.WorkDir, "uki-" + step)).FullName;
        var keys = await Run(step, () => Task.FromResult(UkiKeys.Resolve(context.Options.UkiKeysDir ?? throw new StepFailedException($"{step}: the server has no --uki-keys"), null, null, null, null)));
        var result = await Run(step, () => UkiBuilder.BuildAsync(
            new UkiBuildOptions
            {
                Source = "dir:" + root,
                Keys = keys,
                OutputDirectory = directory,
                OutputType = outputType,
                SecureBootEnroll = SecureBootEnroll,
                CloudConfig = outputType == "iso" ? CloudConfigFile() : null,
                Log = line => context.Log.Write(step, line),
                Warn = line => context.Log.Write(step, "warning: " + line),
            },
            cancellation));
        if (outputType == "uki")
        {
            // the tree (EFI/, loader/) as one download
            await context.Processes.RunAsync(step, "tar", ["--create", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--file", Path.Combine(context.OutputDir, name), "--directory", directory, "EFI", "loader"]);
        }
        else
        {
            Publish(result.Path, name);
        }

        Directory.Delete(directory, recursive: true);
    }

    private async Task NetbootAsync(string liveIso)
    {
        var directory = Directory.CreateDirectory(Path.Combine(context.WorkDir, "netboot")).FullName;
        var options = new NetbootOptions { Iso = liveIso, SquashfsUrl = NetbootBuilder.BesideScript, OutputDirectory = directory };
        if (context.Options.IsoLiveConsole is { } console)
        {
            options = options with { Console = console };
        }

        await Run("netboot", () => NetbootBuilder.BuildAsync(options, cancellation));
        var name = ArtifactNames.Of(Path.GetFileNameWithoutExtension(liveIso), "netboot");
        await context.Processes.RunAsync("netboot", "tar", ["--create", "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--file", Path.Combine(context.OutputDir, name), "--directory", directory, "netboot"]);
        Directory.Delete(directory, recursive: true);
    }

    private string? CloudConfigFile()
    {
        if (context.Spec.CloudConfig is not { } text)
        {
            return null;
        }

        var path = Path.Combine(context.WorkDir, "media-cloud-config.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private void Publish(string file, string name)
    {
        File.Move(file, Path.Combine(context.OutputDir, name));
        context.Log.Write("media", $"{name} made");
    }

    /// <summary>Runs one library step; its refusal or failure becomes the step's failure, named, in the job's log.</summary>
    private static async Task<T> Run<T>(string step, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (MediaException exception)
        {
            throw new StepFailedException($"{step}: {exception.Message}");
        }
    }
}

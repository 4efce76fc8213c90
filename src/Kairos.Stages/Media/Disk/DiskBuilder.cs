using System.Globalization;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// build-disk: a Kairos raw disk from an image root, laid out as AuroraBoot lays it out (stages/disk/),
/// without root or loop devices. Works in a hidden directory inside the output directory and moves the
/// finished files into place at the end: a failure at any step leaves nothing behind.
/// </summary>
public static class DiskBuilder
{
    private const long MiB = 1024 * 1024;

    public static async Task<DiskResult> BuildAsync(DiskBuildOptions options, CancellationToken cancellationToken = default)
    {
        var layout = DiskLayout.Load(options.Stages);
        var isoLayout = IsoLayout.Load(options.Stages);
        var cloudConfig = DiskInputs.Check(options);
        if (options.Firmware == DiskFirmware.Bios)
        {
            BiosGrub.CheckHost();
        }

        var work = WorkDirectory(options.OutputDirectory);
        try
        {
            using var source = await ImageSourceResolver.ResolveAsync(options.Source, work, options.Log, cancellationToken);
            var root = source.Path;
            var files = ImageFiles.Find(root, isoLayout);
            var grubConfig = ImageFiles.InRoot(root, layout.GrubConfig) is { } g && File.Exists(g)
                ? g
                : throw MediaException.Input($"{root}: {layout.GrubConfig} is missing: the disk boots the image's GRUB menu (kairos-stages run --stage install writes it: step grub)");
            var arch = Arch(files.Release);
            if (options.Firmware == DiskFirmware.Bios && arch != "amd64")
            {
                throw MediaException.Input($"--firmware bios: the image is {arch}; BIOS disks are amd64 only");
            }

            var rpi = RpiBoot.Model(options, layout.Rpi, files.Release, arch);
            layout = rpi is null ? layout : layout with { Efi = layout.Efi with { SizeMiB = layout.Rpi.SizeMiB } };
            var busybox = options.Format == DiskFormat.Maas ? CurtinPartition.FindBusybox(layout.Maas, arch) : null;
            var epoch = options.Epoch ?? Epoch(root);
            var name = options.OverrideName is { Length: > 0 } given ? given : files.Release.IsoBaseName(arch, null);
            var sizes = DiskSizes.For(options, layout, DiskSizes.RootBytes(root));
            sizes.CheckSpace(options.OutputDirectory);
            options.Log($"recovery.img {sizes.RecoveryImageMiB} MiB, RECOVERY {sizes.RecoveryPartitionMiB} MiB, state {sizes.StateMiB} MiB, disk {sizes.DiskMiB} MiB; timestamps {epoch}");

            var context = Context(root, files.Release, arch);
            var variables = DiskFiles.Variables(layout, sizes.StateMiB, rpi?.Name ?? RpiBoot.Generic);
            var chain = DiskFiles.Render(options.Stages, layout.EfiChainTemplate, context, variables);

            // RECOVERY: the image as cOS/recovery.img, its GRUB menu, and for BIOS GRUB's modules.
            var recovery = Path.Combine(work, "recovery");
            var recoveryImage = Path.Combine(recovery, layout.RecoveryImagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(recoveryImage)!);
            options.Log($"making {layout.RecoveryImagePath} ({layout.RecoveryImageLabel}) from the image root with mkfs.ext2 -d");
            await PartitionImages.Ext2Async(root, recoveryImage, sizes.RecoveryImageMiB, layout.RecoveryImageLabel, Uuid5.FromUrlName(layout.RecoveryImageLabel), epoch, layout.Skeleton, cancellationToken);
            var menu = Path.Combine(recovery, layout.GrubConfig.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(menu)!);
            File.Copy(grubConfig, menu);
            string? core = null;
            if (options.Firmware == DiskFirmware.Bios)
            {
                BiosGrub.StageModules(Path.Combine(recovery, layout.BiosDirectory), DiskFiles.Render(options.Stages, layout.BiosChainTemplate, context, variables));
                core = await BiosGrub.MakeCoreAsync(work, layout.BiosCoreModules, layout.BiosCorePrefix, cancellationToken);
            }

            PartitionImages.Touch(recovery, epoch);
            var recoveryPartition = Path.Combine(work, "recovery_partition.img");
            options.Log($"making {layout.Recovery.Label} ({sizes.RecoveryPartitionMiB} MiB)");
            await PartitionImages.Ext2Async(recovery, recoveryPartition, sizes.RecoveryPartitionMiB, layout.Recovery.Label!, Uuid5.FromUrlName(layout.Recovery.GuidName), epoch, [], cancellationToken);
            Directory.Delete(recovery, recursive: true);

            // OEM: the first boot's files.
            var oem = Path.Combine(work, "oem");
            var reset = DiskFiles.Render(options.Stages, layout.OemResetTemplate, context, variables);
            var custom = cloudConfig ?? (options.NoDefaultCloudConfig ? null : DiskFiles.Render(options.Stages, layout.OemDefaultCloudConfigTemplate, context, variables));
            DiskFiles.StageOem(oem, layout, reset, custom);
            PartitionImages.Touch(oem, epoch);
            var oemImage = Path.Combine(work, "oem.img");
            await PartitionImages.Ext2Async(oem, oemImage, layout.Oem.SizeMiB, layout.Oem.Label!, Uuid5.FromUrlName(layout.Oem.GuidName), epoch, [], cancellationToken);

            string? curtinImage = null;
            if (busybox is not null)
            {
                var curtin = Path.Combine(work, "curtin");
                CurtinPartition.Stage(curtin, layout.Maas, busybox, options.Stages);
                PartitionImages.Touch(curtin, epoch);
                curtinImage = Path.Combine(work, "curtin.img");
                options.Log($"making {layout.Curtin.Label} ({layout.Curtin.SizeMiB} MiB): busybox from {busybox}, curtin's hook");
                await PartitionImages.Ext2Async(curtin, curtinImage, layout.Curtin.SizeMiB, layout.Curtin.Label!, Uuid5.FromUrlName(layout.Curtin.GuidName), epoch, layout.Maas.Skeleton, cancellationToken);
            }

            string? efiImage = null;
            if (options.Firmware == DiskFirmware.Efi)
            {
                var efi = Path.Combine(work, "efi");
                if (rpi is null)
                {
                    DiskFiles.StageEfi(root, efi, isoLayout.Efi[arch], layout, files.Release.Get("KAIROS_FLAVOR"), chain, options.Log);
                }
                else
                {
                    var config = DiskFiles.Render(options.Stages, layout.Rpi.ConfigTemplate, context, variables);
                    RpiBoot.Stage(root, efi, layout.Rpi, rpi, isoLayout.Efi[arch].BootName, layout.Rpi.ChainPaths.Concat(DiskFiles.FlavorChainPaths(layout, files.Release.Get("KAIROS_FLAVOR"))), chain, config, options.Log);
                }

                PartitionImages.Touch(efi, epoch);
                efiImage = Path.Combine(work, "efi.img");
                await PartitionImages.FatAsync(efi, efiImage, layout.Efi.SizeMiB, layout.Efi.Label!, Uuid5.FromUrlName(layout.Efi.GuidName), epoch, rpi is null ? 0 : layout.Rpi.FatBits, cancellationToken);
            }

            if (options.Partitions)
            {
                var images = new[] { efiImage, oemImage, recoveryPartition }.OfType<string>().ToList();
                return new DiskResult(Publish(images, options.OutputDirectory), 0, sizes.RecoveryImageMiB * MiB, sizes.StateMiB);
            }

            var raw = Path.Combine(work, name + ArtifactNames.Raw);
            options.Log($"writing {Path.GetFileName(raw)}: GPT{(rpi is null ? "" : " with a hybrid MBR")}, partitions{(core is null ? "" : ", GRUB's BIOS core")}");
            DiskAssembler.Write(raw, layout, options.Firmware, sizes.DiskMiB, efiImage, curtinImage, oemImage, recoveryPartition, core, rpi is null ? (byte)0 : layout.Rpi.MbrType);
            var bytes = new FileInfo(raw).Length;
            var output = options.Format switch
            {
                DiskFormat.Vhd => Vhd(raw, layout, epoch),
                DiskFormat.Gce => await CloudAsync(raw, ArtifactNames.Gce, (r, o) => CloudFormats.WriteGceAsync(r, o, epoch, cancellationToken)),
                DiskFormat.Maas => await CloudAsync(raw, ArtifactNames.Maas, (r, o) => CloudFormats.WriteGzipAsync(r, o, cancellationToken)),
                _ => raw,
            };
            return new DiskResult(Publish([output], options.OutputDirectory), bytes, sizes.RecoveryImageMiB * MiB, sizes.StateMiB);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new MediaException($"build-disk: {e.Message}", ExitCodes.Failed, e);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string WorkDirectory(string output)
    {
        try
        {
            Directory.CreateDirectory(output);
            return WorkDirectories.Create(output, ".build-disk-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--output {output}: cannot write there ({e.Message})");
        }
    }

    /// <summary>SOURCE_DATE_EPOCH when set, else the mtime of the image's kairos-release: the same image gives the same disk.</summary>
    private static long Epoch(string root)
    {
        if (Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } text)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw MediaException.Input($"SOURCE_DATE_EPOCH '{text}' is not a number of seconds");
        }

        var release = ImageFiles.InRoot(root, "/etc/kairos-release")!;
        return new DateTimeOffset(File.GetLastWriteTimeUtc(release)).ToUnixTimeSeconds();
    }

    private static string Arch(KairosReleaseFile release)
    {
        var arch = release.Get("KAIROS_ARCH") is { Length: > 0 } a ? a : release.Get("KAIROS_TARGETARCH");
        return arch.Length == 0 ? "amd64" : arch is "amd64" or "arm64" ? arch : throw MediaException.Input($"/etc/kairos-release: KAIROS_ARCH '{arch}' has no raw disk here (amd64 or arm64)");
    }

    private static BuildContext Context(string root, KairosReleaseFile release, string arch)
    {
        var model = release.Get("KAIROS_MODEL") is { Length: > 0 } m ? m : "generic";
        var result = BuildContextFactory.Create(new BuildOptions { Root = root, Version = release.Get("KAIROS_VERSION"), AllowMissingVersion = true, Arch = arch, Model = model });
        return result.Context ?? throw MediaException.Input($"{root}: {string.Join("; ", result.Errors)}");
    }

    private static string Vhd(string raw, DiskLayout layout, long epoch)
    {
        CloudFormats.AppendVhdFooter(raw, Uuid5.FromUrlName(layout.DiskGuidName), epoch);
        var vhd = raw + ArtifactNames.Vhd;
        File.Move(raw, vhd);
        return vhd;
    }

    private static async Task<string> CloudAsync(string raw, string suffix, Func<string, string, Task> write)
    {
        var output = raw + suffix;
        await write(raw, output);
        File.Delete(raw);
        return output;
    }

    private static List<string> Publish(IEnumerable<string> built, string outputDirectory)
    {
        var published = new List<string>();
        foreach (var file in built)
        {
            var target = Path.Combine(Path.GetFullPath(outputDirectory), Path.GetFileName(file));
            File.Move(file, target, overwrite: true);
            published.Add(target);
        }

        return published;
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages build-disk SOURCE</c>: a Kairos raw disk (or a cloud format of it) from a built image (exit 0 ok, 1 a step failed, 2 bad input).</summary>
public static class BuildDiskCommand
{
    public static Command Create()
    {
        var action = new BuildDiskAction();
        var command = new Command(
            "build-disk",
            "make a Kairos raw disk (GPT: EFI or BIOS boot, COS_OEM, COS_RECOVERY) from a built image, or a VHD, GCE or MAAS image of it; "
            + "the first boot runs recovery, which resets the disk into COS_STATE and COS_PERSISTENT. Needs no root and no loop devices "
            + "(mkfs.ext2 -d, mkfs.vfat + mcopy, grub-mkimage; the GPT and GRUB's BIOS boot code are written by kairos-stages)");
        command.Arguments.Add(action.Source);
        foreach (var option in action.Options)
        {
            command.Options.Add(option);
        }

        command.Action = action;
        return command;
    }

    private sealed class BuildDiskAction : AsynchronousCommandLineAction
    {
        public Argument<string> Source { get; } = new("SOURCE") { Description = "dir:PATH (a root from 'run --root'), ocifile:PATH (podman/docker save), or a local image name" };

        public Option<string> Output { get; } = new("--output", "-o") { Description = "directory for the disk", DefaultValueFactory = _ => "." };

        public Option<string?> OverrideName { get; } = new("--override-name", "-n") { Description = "file name without .raw (default: kairos-FLAVOR-RELEASE-VARIANT-ARCH-MODEL-VERSION from /etc/kairos-release)" };

        public Option<string> Firmware { get; } = new("--firmware") { Description = "efi (the image's shim and grub in a 64 MiB COS_GRUB partition) or bios (a BIOS boot partition with GRUB from this machine's grub-pc-bin)", DefaultValueFactory = _ => "efi" };

        public Option<string> Format { get; } = new("--format") { Description = "raw (NAME.raw), vhd (NAME.raw.vhd, fixed, Azure), gce (NAME.raw.gce.tar.gz holding disk.raw), maas (NAME.raw.gz: an EFI disk with the COS_CURTIN partition MAAS deploys through; needs a static busybox, Debian busybox-static)", DefaultValueFactory = _ => "raw" };

        public Option<string?> Model { get; } = new("--model") { Description = "generic, rpi3 or rpi4: a Raspberry Pi disk (hybrid MBR; a 96 MiB FAT32 first partition with the image's Pi firmware, config.txt, device trees, U-Boot and GRUB; arm64, raw only). Default: the image's KAIROS_MODEL" };

        public Option<bool> Partitions { get; } = new("--partitions") { Description = "write efi.img, oem.img and recovery_partition.img instead of one disk (--format raw only)" };

        public Option<long?> Size { get; } = new("--size") { Description = "grow the disk to this many MiB (smaller than the disk: an error)" };

        public Option<long?> RecoveryImageSize { get; } = new("--recovery-image-size") { Description = "size of cOS/recovery.img in MiB (default: the root's size + 200; smaller than the root: an error)" };

        public Option<long?> StateSize { get; } = new("--state-size") { Description = "COS_STATE size in MiB for the first-boot reset (default: (recovery.img × 3 + 100 MiB))" };

        public Option<string?> CloudConfig { get; } = new("--cloud-config", "-c") { Description = "a cloud-config file, put on COS_OEM as 90_custom.yaml (default: user kairos, password kairos, group admin)" };

        public Option<bool> NoDefaultCloudConfig { get; } = new("--no-default-cloud-config") { Description = "no 90_custom.yaml at all when --cloud-config is not given" };

        public Option<string?> StagesDir { get; } = new("--stages-dir") { Description = "use a forked stages directory (its disk/ layout and templates)" };

        public override bool ClearsParseErrors => true;

        public IEnumerable<Option> Options => [Output, OverrideName, Firmware, Format, Model, Partitions, Size, RecoveryImageSize, StateSize, CloudConfig, NoDefaultCloudConfig, StagesDir];

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (UsageProblem(parse) is { } problem)
            {
                stderr.WriteLine($"build-disk: {problem}");
                return ExitCodes.Usage;
            }

            if (BuildStageSource.From(parse, StagesDir) is not { } stages)
            {
                return ExitCodes.Usage;
            }

            var clock = Stopwatch.StartNew();
            var options = new DiskBuildOptions
            {
                Source = parse.GetValue(Source)!,
                OutputDirectory = parse.GetValue(Output)!,
                OverrideName = parse.GetValue(OverrideName),
                Firmware = parse.GetValue(Firmware) == "bios" ? DiskFirmware.Bios : DiskFirmware.Efi,
                Format = Enum.Parse<DiskFormat>(parse.GetValue(Format)!, ignoreCase: true),
                Model = parse.GetValue(Model),
                Partitions = parse.GetValue(Partitions),
                SizeMiB = parse.GetValue(Size),
                RecoveryImageSizeMiB = parse.GetValue(RecoveryImageSize),
                StateSizeMiB = parse.GetValue(StateSize),
                CloudConfig = parse.GetValue(CloudConfig),
                NoDefaultCloudConfig = parse.GetValue(NoDefaultCloudConfig),
                Stages = stages,
                Log = line => stderr.WriteLine($"build-disk: {line}"),
            };
            try
            {
                var result = await DiskBuilder.BuildAsync(options, cancellationToken);
                foreach (var file in result.Files)
                {
                    stdout.WriteLine(file);
                }

                stderr.WriteLine($"build-disk: wrote {string.Join(", ", result.Files.Select(Path.GetFileName))} in {clock.Elapsed.TotalSeconds:0.0}s");
                return ExitCodes.Success;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"build-disk: error: {e.Message}");
                return e.ExitCode;
            }
        }

        private string? UsageProblem(ParseResult parse)
        {
            if (parse.Errors.Count > 0)
            {
                return parse.Errors[0].Message;
            }

            if (parse.UnmatchedTokens.Count > 0)
            {
                return $"unrecognized argument '{parse.UnmatchedTokens[0]}'";
            }

            if (parse.GetResult(Source) is not { Tokens.Count: > 0 })
            {
                return "SOURCE is required (dir:PATH, ocifile:PATH or an image name)";
            }

            if (parse.GetValue(Firmware) is not ("efi" or "bios") and var firmware)
            {
                return $"--firmware must be efi or bios, not '{firmware}'";
            }

            if (parse.GetValue(Format) is not ("raw" or "vhd" or "gce" or "maas") and var format)
            {
                return $"--format must be raw, vhd, gce or maas, not '{format}'";
            }

            if (parse.GetValue(Model) is { } model && model is not (RpiBoot.Generic or "rpi3" or "rpi4"))
            {
                return $"--model must be generic, rpi3 or rpi4, not '{model}'";
            }

            return null;
        }
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages build-iso SOURCE</c>: a bootable Kairos live ISO from a built image (exit 0 ok, 1 a step failed, 2 bad input).</summary>
public static class BuildIsoCommand
{
    public static Command Create()
    {
        var action = new BuildIsoAction();
        var command = new Command("build-iso", "make a bootable Kairos live ISO (BIOS and UEFI) from a built image: " + ImageSourceResolver.Grammar);
        command.Arguments.Add(action.Source);
        foreach (var option in action.Options)
        {
            command.Options.Add(option);
        }

        command.Action = action;
        return command;
    }

    /// <summary>Takes over parse errors so they exit 2 with one line.</summary>
    private sealed class BuildIsoAction : AsynchronousCommandLineAction
    {
        public Argument<string> Source { get; } = new("SOURCE") { Description = "dir:PATH (a root from 'run --root'); ocifile:PATH or file:PATH (podman/docker save); docker:NAME (the Docker daemon's image, DOCKER_HOST honoured); oci:NAME (a registry, pulled with skopeo; loopback registries over plain HTTP); a bare NAME: podman's local store, else the Docker daemon's, never pulled" };

        public Option<string> Output { get; } = new("--output", "-o") { Description = "directory for the ISO and its .sha256", DefaultValueFactory = _ => "." };

        public Option<string?> OverrideName { get; } = new("--override-name", "-n") { Description = "file name without .iso (default: kairos-FLAVOR-RELEASE-VARIANT-ARCH-MODEL-VERSION from /etc/kairos-release)" };

        public Option<bool> Date { get; } = new("--date") { Description = "add .YYYYMMDD to the name" };

        public Option<string?> CloudConfig { get; } = new("--cloud-config", "-c") { Description = "a cloud-config file, put on the ISO as /config.yaml" };

        public Option<string?> OverlayRootfs { get; } = new("--overlay-rootfs") { Description = "a directory whose files are added to the live root" };

        public Option<string?> OverlayIso { get; } = new("--overlay-iso") { Description = "a directory whose files are added to the ISO" };

        public Option<string> ExtendCmdline { get; } = new("--extend-live-cmdline") { Description = "extra kernel arguments for every live menu entry", DefaultValueFactory = _ => "" };

        public Option<string> LiveConsole { get; } = new("--live-console") { Description = "console arguments of the live entries (the last console= gets the boot messages)", DefaultValueFactory = _ => "console=ttyS0 console=tty1" };

        public Option<string?> Arch { get; } = new("--arch") { Description = "amd64 or arm64 (default: KAIROS_ARCH of the image)" };

        public Option<string?> StagesDir { get; } = new("--stages-dir") { Description = "use a forked stages directory (its iso/ templates and layout)" };

        public Option<bool> Netboot { get; } = new("--netboot") { Description = "also write netboot/ beside the ISO: kairos-kernel, kairos-initrd, kairos.squashfs and kairos.ipxe (as the netboot command does; the script's consoles are --live-console's)" };

        public Option<string?> NetbootUrl { get; } = new("--netboot-url") { Description = "with --netboot: the http(s) URL the machine fetches kairos.squashfs from (root=live:URL); default " + NetbootBuilder.BesideScript + ", the squashfs next to the script on the server that serves it" };

        public override bool ClearsParseErrors => true;

        public IEnumerable<Option> Options => [Output, OverrideName, Date, CloudConfig, OverlayRootfs, OverlayIso, ExtendCmdline, LiveConsole, Arch, StagesDir, Netboot, NetbootUrl];

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (UsageProblem(parse) is { } problem)
            {
                stderr.WriteLine($"build-iso: {problem}");
                return ExitCodes.Usage;
            }

            if (BuildStageSource.From(parse, StagesDir) is not { } stages)
            {
                return ExitCodes.Usage;
            }

            var clock = Stopwatch.StartNew();
            var options = new IsoBuildOptions
            {
                Source = parse.GetValue(Source)!,
                OutputDirectory = parse.GetValue(Output)!,
                OverrideName = parse.GetValue(OverrideName),
                IncludeDate = parse.GetValue(Date),
                CloudConfig = parse.GetValue(CloudConfig),
                OverlayRootfs = parse.GetValue(OverlayRootfs),
                OverlayIso = parse.GetValue(OverlayIso),
                ExtendCmdline = parse.GetValue(ExtendCmdline)!,
                LiveConsole = parse.GetValue(LiveConsole)!,
                Arch = parse.GetValue(Arch),
                Stages = stages,
                Log = line => stderr.WriteLine($"build-iso: {line}"),
            };
            var netboot = parse.GetValue(Netboot)
                ? new NetbootOptions { Iso = "", SquashfsUrl = parse.GetValue(NetbootUrl) ?? NetbootBuilder.BesideScript, OutputDirectory = options.OutputDirectory, Console = options.LiveConsole, Stages = stages }
                : null;
            try
            {
                if (netboot is not null)
                {
                    NetbootBuilder.CheckInputs(netboot, "--netboot-url");
                }

                var result = await IsoBuilder.BuildAsync(options, cancellationToken);
                stdout.WriteLine(result.IsoPath);
                stderr.WriteLine($"build-iso: wrote {result.IsoPath} ({new FileInfo(result.IsoPath).Length} bytes, squashfs {result.SquashfsBytes}) and {Path.GetFileName(result.ChecksumPath)} in {clock.Elapsed.TotalSeconds:0.0}s");
                if (netboot is not null)
                {
                    foreach (var file in await NetbootFromAsync(result, netboot, cancellationToken))
                    {
                        stdout.WriteLine(file);
                    }

                    stderr.WriteLine($"build-iso: wrote {Path.Combine(Path.GetDirectoryName(result.IsoPath)!, "netboot")}/ (squashfs from {netboot.SquashfsUrl})");
                }

                return ExitCodes.Success;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"build-iso: error: {e.Message}");
                return e.ExitCode;
            }
        }

        /// <summary>The netboot files from the ISO just written; if that fails, the ISO goes too (no partial output).</summary>
        private static async Task<IReadOnlyList<string>> NetbootFromAsync(IsoResult iso, NetbootOptions netboot, CancellationToken cancellationToken)
        {
            try
            {
                return await NetbootBuilder.BuildAsync(netboot with { Iso = iso.IsoPath }, cancellationToken);
            }
            catch
            {
                File.Delete(iso.IsoPath);
                File.Delete(iso.ChecksumPath);
                throw;
            }
        }

        private string? UsageProblem(ParseResult parse)
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return $"unrecognized argument '{parse.UnmatchedTokens[0]}'";
            }

            if (parse.GetResult(Source) is not { Tokens.Count: > 0 })
            {
                return "SOURCE is required (" + ImageSourceResolver.Grammar + ")";
            }

            if (parse.GetResult(NetbootUrl) is { Implicit: false } && !parse.GetValue(Netboot))
            {
                return "--netboot-url needs --netboot";
            }

            foreach (var option in Options.Where(o => o != Date && o != Netboot))
            {
                if (parse.GetResult(option) is OptionResult { Implicit: false, Tokens.Count: 0 } given)
                {
                    return $"{given.IdentifierToken?.Value ?? option.Name} needs a value";
                }
            }

            return null;
        }
    }
}

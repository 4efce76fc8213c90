using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Uki;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages build-uki SOURCE</c>: signed UKIs of a Trusted Boot image as a systemd-boot tree, ISO or OCI archive (exit 0 ok, 1 a step failed, 2 bad input).</summary>
public static class BuildUkiCommand
{
    public static Command Create()
    {
        var action = new BuildUkiAction();
        var command = new Command("build-uki", "make signed UKIs (Trusted Boot) from an image built with 'run -t true': dir:PATH, ocifile:PATH or a local image; on Debian's systemd-boot 252, UEFI only");
        command.Arguments.Add(action.Source);
        foreach (var option in action.Options)
        {
            command.Options.Add(option);
        }

        command.Action = action;
        return command;
    }

    private sealed class BuildUkiAction : AsynchronousCommandLineAction
    {
        public Argument<string> Source { get; } = new("SOURCE") { Description = "dir:PATH (a root from 'run --root ... -t true'), ocifile:PATH (podman/docker save), or a local image name" };

        public Option<string?> Keys { get; } = new("--keys", "-k") { Description = "a key directory from 'genkey': db.key, db.pem, tpm2-pcr-private.pem and PK/KEK/db.auth" };

        public Option<string?> SbKey { get; } = new("--sb-key") { Description = "Secure Boot private key (PEM) that signs the UKIs and systemd-boot" };

        public Option<string?> SbCert { get; } = new("--sb-cert") { Description = "its certificate (PEM or DER)" };

        public Option<string?> PcrKey { get; } = new("--tpm-pcr-private-key") { Description = "RSA private key (PEM) that signs the PCR 11 policy (.pcrsig)" };

        public Option<string?> PublicKeys { get; } = new("--public-keys") { Description = "directory with PK.auth, KEK.auth, db.auth for systemd-boot to enroll (default: --keys)" };

        public Option<string> OutputType { get; } = new("--output-type", "-t") { Description = "uki (the tree), iso (UEFI-only ISO) or container (single-layer OCI archive)", DefaultValueFactory = _ => "uki" };

        public Option<string> Output { get; } = new("--output-dir", "--output", "-d") { Description = "directory for the result", DefaultValueFactory = _ => "." };

        public Option<string?> Name { get; } = new("--name", "-n") { Description = "base name of the ISO or archive (default kairos-FLAVOR-RELEASE-VARIANT-ARCH-MODEL-VERSION-uki)" };

        public Option<string> Branding { get; } = new("--boot-branding") { Description = "menu title of the default entry", DefaultValueFactory = _ => "Kairos" };

        public Option<string> ExtendCmdline { get; } = new("--extend-cmdline", "-x") { Description = "arguments appended to the default command line", DefaultValueFactory = _ => "" };

        public Option<string[]> ExtraCmdline { get; } = new("--extra-cmdline", "-c") { Description = "one more UKI (norole_ARGS.efi) with these arguments appended; repeatable", AllowMultipleArgumentsPerToken = false };

        public Option<string[]> SingleEfi { get; } = new("--single-efi-cmdline", "-s") { Description = "\"Title: args\": one more UKI with its own menu title; repeatable" };

        public Option<string> Enroll { get; } = new("--secure-boot-enroll") { Description = "systemd-boot's secure-boot-enroll: off, manual (a menu entry enrolls the keys) or force (enrolls on first boot after a 15 s countdown). Debian's systemd-boot 252 has no if-safe (AuroraBoot's default): manual is the default here", DefaultValueFactory = _ => "manual" };

        public Option<string?> OverlayRootfs { get; } = new("--overlay-rootfs") { Description = "a directory whose files are added to the root in the initrd" };

        public Option<string?> OverlayIso { get; } = new("--overlay-iso") { Description = "a directory whose files are added to the ISO (iso only)" };

        public Option<string?> Splash { get; } = new("--splash") { Description = "a BMP shown while booting (.splash)" };

        public Option<string?> CloudConfig { get; } = new("--cloud-config") { Description = "a cloud-config file put on the ISO as /config.yaml (iso only): the booted installer reads it from the mounted ISO (/run/initramfs/live), as on build-iso's live ISO" };

        public Option<bool> IncludeVersion { get; } = new("--include-version-in-config") { Description = "add 'version KAIROS_VERSION' to each loader entry" };

        public Option<bool> IncludeCmdline { get; } = new("--include-cmdline-in-config") { Description = "add 'cmdline ARGS' to each loader entry: the arguments its UKI adds to the default command line (for kairos-agent's boot entry listing; systemd-boot ignores the key and the stub uses the signed .cmdline)" };

        public Option<bool> SdBootInSource { get; } = new("--sdboot-in-source") { Description = "use the image's systemd-boot and stub (/usr/lib/systemd/boot/efi/ inside SOURCE, from its systemd-boot-efi) instead of this machine's; refused when their systemd version is not this machine's systemd-measure's (the PCR 11 prediction would not match)" };

        public Option<bool> CmdLinesV2 { get; } = new("--cmd-lines-v2") { Description = "AuroraBoot's one multi-profile UKI: refused (exit 2): it needs systemd-stub and systemd-boot 257 or later, and Debian 12 has 252; use --extra-cmdline (one UKI each)" };

        public Option<int> EfiSizeWarn { get; } = new("--efi-size-warn") { Description = "warn when a UKI is bigger than this many MB", DefaultValueFactory = _ => 1024 };

        public Option<string?> StagesDir { get; } = new("--stages-dir") { Description = "use a forked stages directory (its uki/ layout and loader templates)" };

        public override bool ClearsParseErrors => true;

        public IEnumerable<Option> Options => [Keys, SbKey, SbCert, PcrKey, PublicKeys, OutputType, Output, Name, Branding, ExtendCmdline, ExtraCmdline, SingleEfi, Enroll, OverlayRootfs, OverlayIso, Splash, CloudConfig, IncludeVersion, IncludeCmdline, SdBootInSource, CmdLinesV2, EfiSizeWarn, StagesDir];

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (UsageProblem(parse) is { } problem)
            {
                stderr.WriteLine($"build-uki: {problem}");
                return ExitCodes.Usage;
            }

            if (BuildStageSource.From(parse, StagesDir) is not { } stages)
            {
                return ExitCodes.Usage;
            }

            var clock = Stopwatch.StartNew();
            try
            {
                var keys = UkiKeys.Resolve(parse.GetValue(Keys), parse.GetValue(SbKey), parse.GetValue(SbCert), parse.GetValue(PcrKey), parse.GetValue(PublicKeys));
                var options = new UkiBuildOptions
                {
                    Source = parse.GetValue(Source)!,
                    Keys = keys,
                    OutputDirectory = parse.GetValue(Output)!,
                    OutputType = parse.GetValue(OutputType)!,
                    Name = parse.GetValue(Name),
                    BootBranding = parse.GetValue(Branding)!,
                    ExtendCmdline = parse.GetValue(ExtendCmdline)!,
                    ExtraCmdlines = parse.GetValue(ExtraCmdline) ?? [],
                    SingleEfiCmdlines = parse.GetValue(SingleEfi) ?? [],
                    SecureBootEnroll = parse.GetValue(Enroll)!,
                    OverlayRootfs = parse.GetValue(OverlayRootfs),
                    OverlayIso = parse.GetValue(OverlayIso),
                    Splash = parse.GetValue(Splash),
                    CloudConfig = parse.GetValue(CloudConfig),
                    IncludeVersionInConfig = parse.GetValue(IncludeVersion),
                    IncludeCmdlineInConfig = parse.GetValue(IncludeCmdline),
                    SdBootInSource = parse.GetValue(SdBootInSource),
                    CmdLinesV2 = parse.GetValue(CmdLinesV2),
                    EfiSizeWarnMb = parse.GetValue(EfiSizeWarn),
                    Stages = stages,
                    Log = line => stderr.WriteLine($"build-uki: {line}"),
                    Warn = line => stderr.WriteLine($"build-uki: warning: {line}"),
                };
                var result = await UkiBuilder.BuildAsync(options, cancellationToken);
                stdout.WriteLine(result.Path);
                stderr.WriteLine($"build-uki: wrote {result.Path}{(result.ChecksumPath is { } sum ? $" and {Path.GetFileName(sum)}" : "")} in {clock.Elapsed.TotalSeconds:0.0}s");
                return ExitCodes.Success;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"build-uki: error: {e.Message}");
                return e.ExitCode;
            }
        }

        private string? UsageProblem(ParseResult parse)
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return $"unrecognized argument '{parse.UnmatchedTokens[0]}'";
            }

            if (parse.Errors.Count > 0)
            {
                return parse.Errors[0].Message;
            }

            if (parse.GetResult(Source) is not { Tokens.Count: > 0 })
            {
                return "SOURCE is required (dir:PATH, ocifile:PATH or an image name)";
            }

            foreach (var option in Options.Where(o => o is not Option<bool>))
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

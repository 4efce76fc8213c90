using System.CommandLine;
using System.CommandLine.Parsing;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Cli.Commands;

/// <summary>The build flags shared by run, plan, render and validate, and their binding to <see cref="BuildOptions"/>.</summary>
public sealed class BuildOptionsBinder
{
    public Option<string> Root { get; } = new("--root") { Description = "target root filesystem directory", DefaultValueFactory = _ => "/" };

    public Option<string?> OsRelease { get; } = new("--os-release") { Description = "read distro facts from this os-release file instead of the root's" };

    public Option<string?> Version { get; } = new("--version", "-v") { Description = "Kairos OS version to stamp into /etc/kairos-release (semver, e.g. 1.2.3)" };

    public Option<string> Model { get; } = new("--model", "-m") { Description = "board model", DefaultValueFactory = _ => KnownModels.Generic };

    public Option<string?> Kubernetes { get; } = new("--kubernetes", "-k", "--provider", "-p") { Description = "Kubernetes provider for a standard image: k3s or k0s" };

    public Option<string?> K8sVersion { get; } = new("--k8s-version", "--k8sversion")
    {
        Description = "Kubernetes provider version, e.g. v1.32.1+k3s1 or v1.32.1+k0s.0 (empty: the version pinned in stages/data/artifacts.yaml)",
    };

    /// <summary>kairos-init's per-provider flags: a version for that provider only; a config is refused (no provider plugin here).</summary>
    public IReadOnlyList<(string Provider, Option<string?> Version, Option<string?> Config)> ProviderFlags { get; } =
        [.. BuildEnums.Providers.Select(p => (p,
            new Option<string?>($"--provider-{p}-version") { Description = $"kairos-init's spelling of --k8s-version, for -p {p} only" },
            new Option<string?>($"--provider-{p}-config") { Description = "kairos-init's provider-plugin config: refused, with what to use instead" }))];

    public Option<string?> TrustedBoot { get; } = new("--trusted-boot", "-t", "--trusted")
    {
        Description = "build for Trusted Boot (UKI); bare flag or true|false|1|0",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = ParseTrusted,
    };

    public Option<bool> Fips { get; } = new("--fips") { Description = "FIPS build" };

    public Option<string?> Arch { get; } = new("--arch") { Description = "target architecture (default: read from the root's /bin/sh)" };

    public Option<string> LogLevel { get; } = new("--log-level", "-l", "--level") { Description = "log level", DefaultValueFactory = _ => "info" };

    public Option<string?> StagesDir { get; } = new("--stages-dir") { Description = "use a forked copy of the bundled stages (see 'stages export')" };

    public Option<string?> ArtifactsMirror { get; } = new("--artifacts-mirror")
    {
        Description = "download the bundled artifacts from this base URL (files named as in the release URLs, the layout 'artifacts fetch --dest' writes)",
        HelpName = "URL",
    };

    public BuildOptionsBinder()
    {
        Model.AcceptOnlyFromAmong([.. KnownModels.All]);
        Model.HelpName = string.Join('|', KnownModels.Supported);
        Arch.HelpName = string.Join('|', BuildEnums.KairosArches);
        TrustedBoot.HelpName = "true|false";
        Kubernetes.AcceptOnlyFromAmong([.. BuildEnums.Providers]);
        Arch.AcceptOnlyFromAmong([.. BuildEnums.Arches]);
        LogLevel.AcceptOnlyFromAmong([.. BuildEnums.LogLevels]);
    }

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Root, OsRelease, Version, Model, Kubernetes, K8sVersion, TrustedBoot, Fips, Arch, LogLevel, StagesDir, ArtifactsMirror })
        {
            command.Options.Add(option);
        }

        foreach (var (_, version, config) in ProviderFlags)
        {
            command.Options.Add(version);
            command.Options.Add(config);
        }
    }

    public BuildOptions Bind(ParseResult parse) => new()
    {
        Root = parse.GetValue(Root) ?? "/",
        OsReleasePath = parse.GetValue(OsRelease),
        Version = parse.GetValue(Version),
        Model = parse.GetValue(Model) ?? KnownModels.Generic,
        K8sProvider = parse.GetValue(Kubernetes),
        K8sVersion = parse.GetValue(K8sVersion),
        ProviderVersions = ProviderFlags.ToDictionary(f => f.Provider, f => parse.GetValue(f.Version) ?? ""),
        ProviderConfigs = [.. ProviderFlags.Where(f => parse.GetResult(f.Config) is not null).Select(f => f.Provider)],
        TrustedBoot = parse.GetValue(TrustedBoot) == "true",
        Fips = parse.GetValue(Fips),
        FipsRefusedArchitectures = parse.GetValue(Fips) ? FipsRules.Load(Source(parse)).UnsupportedArchitectures : new Dictionary<string, string>(),
        Arch = parse.GetValue(Arch),
        LogLevel = parse.GetValue(LogLevel) ?? "info",
        ToolVersion = BuildToolVersion.Current,
        ArtifactsMirror = parse.GetValue(ArtifactsMirror),
    };

    /// <summary>The bundled stages, or the <c>--stages-dir</c> copy when given; throws <see cref="Kairos.Stages.FrontEnd.Diagnostics.UsageException"/> when that directory is missing.</summary>
    public IStageSource Source(ParseResult parse) => BuildStageSource.From(parse, StagesDir);

    private static string? ParseTrusted(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return "true";
        }

        var value = result.Tokens[0].Value;
        switch (value.ToLowerInvariant())
        {
            case "true" or "1":
                return "true";
            case "false" or "0":
                return "false";
            default:
                result.AddError($"--trusted-boot: '{value}' is not included in true,false,1,0 (write -t true, or put file arguments before -t)");
                return null;
        }
    }
}

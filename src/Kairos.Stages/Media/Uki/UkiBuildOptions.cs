using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Media.Uki;

/// <summary>What <c>build-uki</c> was asked for, as typed on its command line (AuroraBoot's flags).</summary>
public sealed record UkiBuildOptions
{
    public static readonly string[] OutputTypes = ["uki", "iso", "container"];

    /// <summary>What Debian's systemd-boot 252 accepts for <c>secure-boot-enroll</c> (<c>if-safe</c> came with 253).</summary>
    public static readonly string[] EnrollModes = ["off", "manual", "force"];

    /// <summary><c>dir:PATH</c>, <c>ocifile:PATH</c>, or a local container image name.</summary>
    public required string Source { get; init; }

    public required UkiKeys Keys { get; init; }

    public string OutputDirectory { get; init; } = ".";

    public string OutputType { get; init; } = "uki";

    /// <summary>Base name of the ISO or container archive (default: AuroraBoot's, from kairos-release, with -uki).</summary>
    public string? Name { get; init; }

    public string BootBranding { get; init; } = "Kairos";

    public string ExtendCmdline { get; init; } = "";

    /// <summary>Each makes one more UKI: the default command line plus these arguments.</summary>
    public IReadOnlyList<string> ExtraCmdlines { get; init; } = [];

    /// <summary>"Title: args": one more UKI with its own menu title.</summary>
    public IReadOnlyList<string> SingleEfiCmdlines { get; init; } = [];

    public string SecureBootEnroll { get; init; } = "manual";

    public string? OverlayRootfs { get; init; }

    public string? OverlayIso { get; init; }

    public string? Splash { get; init; }

    /// <summary>A cloud-config file put on the ISO as /config.yaml (iso only), where the booted installer reads it.</summary>
    public string? CloudConfig { get; init; }

    /// <summary>Each loader entry also says the image's version (<c>version</c>, KAIROS_VERSION).</summary>
    public bool IncludeVersionInConfig { get; init; }

    /// <summary>Each loader entry also says the arguments its UKI adds to the default command line (<c>cmdline</c>).</summary>
    public bool IncludeCmdlineInConfig { get; init; }

    /// <summary>Take the stub and systemd-boot from the source image (same paths inside it) instead of the host's.</summary>
    public bool SdBootInSource { get; init; }

    /// <summary>AuroraBoot's one multi-profile UKI: refused here (it needs systemd-stub and systemd-boot 257; Debian 12 has 252).</summary>
    public bool CmdLinesV2 { get; init; }

    /// <summary>Warn when a UKI is bigger than this many MB (firmware has limits).</summary>
    public int EfiSizeWarnMb { get; init; } = 1024;

    public IStageSource Stages { get; init; } = new EmbeddedStageSource();

    public Action<string> Log { get; init; } = _ => { };

    public Action<string> Warn { get; init; } = _ => { };
}

/// <summary>What build-uki wrote: the artifact (tree directory, ISO or archive), its checksum file for an ISO, and per UKI file name PCR 11 as predicted for each boot phase.</summary>
public sealed record UkiResult(string Path, string? ChecksumPath, IReadOnlyDictionary<string, IReadOnlyList<(string Phase, string Pcr11)>> PredictedPcr11);

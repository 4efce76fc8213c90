using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Media;

/// <summary>What <c>build-iso</c> was asked for, as typed on its command line.</summary>
public sealed record IsoBuildOptions
{
    /// <summary><c>dir:PATH</c>, <c>ocifile:PATH</c>, or a local container image name.</summary>
    public required string Source { get; init; }

    public string OutputDirectory { get; init; } = ".";

    public string? OverrideName { get; init; }

    /// <summary>Adds <c>.YYYYMMDD</c> (UTC) to the name, as AuroraBoot's <c>--date</c>.</summary>
    public bool IncludeDate { get; init; }

    public string? CloudConfig { get; init; }

    public string? OverlayRootfs { get; init; }

    public string? OverlayIso { get; init; }

    public string ExtendCmdline { get; init; } = "";

    public string LiveConsole { get; init; } = "console=ttyS0 console=tty1";

    /// <summary>amd64 or arm64; null takes KAIROS_ARCH from the image.</summary>
    public string? Arch { get; init; }

    public IStageSource Stages { get; init; } = new EmbeddedStageSource();

    /// <summary>Where progress lines go (one per step).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>The day <c>--date</c> stamps; tests fix it.</summary>
    public DateTime Today { get; init; } = DateTime.UtcNow;
}

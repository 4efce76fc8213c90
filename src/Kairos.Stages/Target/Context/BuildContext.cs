namespace Kairos.Stages.Target.Context;

/// <summary>Everything a build depends on: flags plus facts read from the target root. Immutable, passed explicitly.</summary>
public sealed record BuildContext
{
    /// <summary>Host path of the target root.</summary>
    public string Root { get; init; } = "/";

    public required Distro Distro { get; init; }

    /// <summary>Go arch name: amd64, arm64, riscv64.</summary>
    public string Arch { get; init; } = "amd64";

    public string Model { get; init; } = "generic";

    /// <summary>core without a k8s provider, standard with one.</summary>
    public string Variant => K8s is null ? BuildEnums.Core : BuildEnums.Standard;

    public bool TrustedBoot { get; init; }

    public bool Fips { get; init; }

    public K8sProvider? K8s { get; init; }

    /// <summary>OS version stamped into kairos-release, normalised with a leading v (e.g. v1.2.3).</summary>
    public required string Version { get; init; }

    /// <summary>This tool's version (KAIROS_INIT_VERSION).</summary>
    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>The kernel the init phase links and builds an initrd for (a /lib/modules directory name); empty when none is installed yet.</summary>
    public string KernelVersion { get; init; } = "";

    /// <summary>Log level name, so templates can switch verbosity (dracut -v at trace).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>
    /// A base URL (no trailing slash) that serves every bundled artifact under its release file name
    /// (the layout <c>artifacts fetch --dest</c> writes); empty to download from the release URLs.
    /// </summary>
    public string ArtifactsMirror { get; init; } = "";
}

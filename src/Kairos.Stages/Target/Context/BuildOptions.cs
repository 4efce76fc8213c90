namespace Kairos.Stages.Target.Context;

/// <summary>Raw build inputs from flags, before validation; <see cref="BuildContextFactory"/> turns them into a <see cref="BuildContext"/>.</summary>
public sealed record BuildOptions
{
    /// <summary>Target root directory (default <c>/</c>).</summary>
    public string Root { get; init; } = "/";

    /// <summary>An os-release file to use instead of the root's (render or plan without a root).</summary>
    public string? OsReleasePath { get; init; }

    /// <summary><c>--version</c> as typed; normalised by <see cref="KairosVersion"/>.</summary>
    public string? Version { get; init; }

    /// <summary>When true a missing version becomes <c>v0.0.0</c> (for commands that only inspect).</summary>
    public bool AllowMissingVersion { get; init; }

    /// <summary>When true a root without os-release is an error (run: nothing sensible can be installed), not a warning.</summary>
    public bool RequireOsRelease { get; init; }

    public string Model { get; init; } = KnownModels.Generic;

    /// <summary>k3s or k0s; null or empty for a core image.</summary>
    public string? K8sProvider { get; init; }

    /// <summary><c>--k8s-version</c>: the version of whichever provider is given.</summary>
    public string? K8sVersion { get; init; }

    /// <summary>kairos-init's <c>--provider-NAME-version</c> by provider name (only the given provider's may be set).</summary>
    public IReadOnlyDictionary<string, string> ProviderVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>kairos-init's <c>--provider-NAME-config</c> flags that were given (refused: there is no provider plugin to pass them to).</summary>
    public IReadOnlyList<string> ProviderConfigs { get; init; } = [];

    public bool TrustedBoot { get; init; }

    public bool Fips { get; init; }

    /// <summary>
    /// The architectures a FIPS build is refused for, and why: <c>stages/data/fips.yaml</c> of the stages in use (the
    /// caller reads it with FrontEnd's <c>FipsRules</c>, the one home of the rule, which the install stage reads too).
    /// </summary>
    public IReadOnlyDictionary<string, string> FipsRefusedArchitectures { get; init; } = new Dictionary<string, string>();

    /// <summary>Go arch override; null to read it from the root's <c>/bin/sh</c>.</summary>
    public string? Arch { get; init; }

    public string LogLevel { get; init; } = "info";

    /// <summary><c>--artifacts-mirror</c> as typed: a base URL serving the bundled artifacts by file name; null for the release URLs.</summary>
    public string? ArtifactsMirror { get; init; }

    /// <summary>This tool's version, stamped as KAIROS_INIT_VERSION.</summary>
    public string ToolVersion { get; init; } = "0.0.0";
}

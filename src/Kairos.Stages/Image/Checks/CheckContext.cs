using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>What every check sees: the target root and the resolved inputs (flags first, then kairos-release, then defaults).</summary>
public sealed record CheckContext
{
    public required ITarget Target { get; init; }

    public IRootFileSystem Files => Target.Files;

    /// <summary>debian, redhat, suse, alpine, arch, hadron or unknown.</summary>
    public string Family { get; init; } = "unknown";

    public string Model { get; init; } = "generic";

    /// <summary>core or standard.</summary>
    public string Variant { get; init; } = BuildEnums.Core;

    /// <summary>k3s or k0s when known, else null.</summary>
    public string? Provider { get; init; }

    public bool TrustedBoot { get; init; }

    /// <summary>What the user passed, so release checks can report a mismatch with kairos-release.</summary>
    public ValidateOptions Flags { get; init; } = new();

    /// <summary>The keys of <c>/etc/kairos-release</c>, or null when it could not be read.</summary>
    public IReadOnlyDictionary<string, string>? Release { get; init; }

    /// <summary>Why <see cref="Release"/> is null.</summary>
    public string? ReleaseError { get; init; }

    /// <summary>Directories (in the root's view) searched for binaries, in order.</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = DefaultSearchPath;

    /// <summary>Each input with its source, for the report.</summary>
    public IReadOnlyList<ResolvedInput> Inputs { get; init; } = [];

    /// <summary>Kairos' plugin dirs first (as kairos-init prepends them to PATH), then a standard PATH.</summary>
    public static IReadOnlyList<string> DefaultSearchPath { get; } =
        ["/system/providers", "/system/discovery", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
}

using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Tests.Support;

/// <summary>
/// The Factory's share of the arm64 lane, gated as the engine's (Kairos.Stages.Tests' PublishedBinary.MissingArm64 and
/// Emulation): the arm64 kairos-stages from <c>build/publish.sh linux-arm64</c> ($KAIROS_STAGES_ARM64_BINARY) and qemu-user
/// registered with binfmt_misc. Off in a CI run without KAIROS_CI_ARM64=1, so the default run is unchanged; with it, a
/// missing binary or handler is a failure (.ci/run publishes the one and registers the other), elsewhere a skip.
/// </summary>
internal static class Arm64Lane
{
    public static string? Binary => Environment.GetEnvironmentVariable("KAIROS_STAGES_ARM64_BINARY") is { Length: > 0 } path ? path : null;

    private static bool InCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 };

    /// <summary>Why an emulated arm64 build cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        if (InCi && Environment.GetEnvironmentVariable("KAIROS_CI_ARM64") != "1")
        {
            return "the arm64 lane is off in this CI run (.ci/run runs it with KAIROS_CI_ARM64=1)";
        }

        var missing = Binary is not { } binary ? "needs the arm64 kairos-stages: run build/publish.sh linux-arm64 and set KAIROS_STAGES_ARM64_BINARY"
            : !File.Exists(binary) ? $"the arm64 kairos-stages {binary} (KAIROS_STAGES_ARM64_BINARY) is missing: run build/publish.sh linux-arm64 first"
            : ForeignPrograms.Unavailable("arm64") is { } emulation ? emulation + " (bash build/emulate-arm64.sh registers qemu-user)"
            : null;
        return missing is not null && InCi ? throw new InvalidOperationException(missing) : missing;
    }
}

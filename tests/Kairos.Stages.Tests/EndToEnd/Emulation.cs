using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>Whether this machine runs arm64 programs: qemu-user registered with binfmt_misc (build/emulate-arm64.sh).</summary>
internal static class Emulation
{
    /// <summary>Why arm64 programs cannot run here, or null. In CI (.ci/run registers the handler) that is a failure, not a skip.</summary>
    public static string? Arm64Unavailable() =>
        ForeignPrograms.Unavailable("arm64") is { } message && Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
            ? throw new InvalidOperationException(message + " (bash build/emulate-arm64.sh registers qemu-user)")
            : ForeignPrograms.Unavailable("arm64");
}

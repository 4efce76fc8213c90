using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The NativeAOT binaries from build/publish.sh: $KAIROS_STAGES_BINARY (or out/linux-x64/kairos-stages in the
/// checkout) for this machine, and $KAIROS_STAGES_ARM64_BINARY (or out/linux-arm64/kairos-stages), cross-compiled
/// by <c>build/publish.sh linux-arm64</c>, for arm64 roots.
/// </summary>
internal static class PublishedBinary
{
    public static string Path { get; } = Locate("KAIROS_STAGES_BINARY", "linux-x64");

    public static string Arm64Path { get; } = Locate("KAIROS_STAGES_ARM64_BINARY", "linux-arm64");

    /// <summary>Why the binary can't be used (not published), or null. In CI a missing binary is a failure, not a skip.</summary>
    public static string? Missing() => MissingAt(Path, "build/publish.sh", "KAIROS_STAGES_BINARY");

    /// <summary>
    /// Why the arm64 binary can't be used, or null: a skip on a developer machine and in a CI run without the arm64 lane,
    /// a failure in a CI run with it (KAIROS_CI_ARM64=1: .ci/run publishes it with build/publish.sh linux-arm64 and sets
    /// KAIROS_STAGES_ARM64_BINARY), as <see cref="Emulation"/> does.
    /// </summary>
    public static string? MissingArm64() => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } && Environment.GetEnvironmentVariable("KAIROS_CI_ARM64") != "1"
        ? "the arm64 lane is off in this CI run (.ci/run runs it with KAIROS_CI_ARM64=1)"
        : MissingAt(Arm64Path, "build/publish.sh linux-arm64 and build/emulate-arm64.sh", "KAIROS_STAGES_ARM64_BINARY");

    private static string Locate(string variable, string rid) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given
        ? given
        : System.IO.Path.GetFullPath(System.IO.Path.Combine(Golden.ProjectDirectory, $"../../out/{rid}/kairos-stages"));

    private static string? MissingAt(string path, string command, string variable)
    {
        if (File.Exists(path))
        {
            return null;
        }

        var message = $"the published binary {path} is missing: run {command} first (or set {variable})";
        return Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(message) : message;
    }
}

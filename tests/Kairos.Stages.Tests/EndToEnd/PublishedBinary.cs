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
    /// Why the arm64 binary can't be used, or null. A skip even in CI: .ci/run does not publish it yet, because the
    /// emulated arm64 build (about 25 minutes under load here) does not fit CI's time with the other lanes (issue 32).
    /// </summary>
    public static string? MissingArm64() => File.Exists(Arm64Path)
        ? null
        : $"the arm64 binary {Arm64Path} is missing: run build/publish.sh linux-arm64 and build/emulate-arm64.sh (not in .ci/run yet: issue 32)";

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

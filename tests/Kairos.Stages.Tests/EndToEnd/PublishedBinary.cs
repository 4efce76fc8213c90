using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>The NativeAOT binary from build/publish.sh: $KAIROS_STAGES_BINARY, or out/linux-x64/kairos-stages in the checkout.</summary>
internal static class PublishedBinary
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("KAIROS_STAGES_BINARY") is { Length: > 0 } given
        ? given
        : System.IO.Path.GetFullPath(System.IO.Path.Combine(Golden.ProjectDirectory, "../../out/linux-x64/kairos-stages"));

    /// <summary>Why the binary can't be used (not published), or null. In CI a missing binary is a failure, not a skip.</summary>
    public static string? Missing()
    {
        if (File.Exists(Path))
        {
            return null;
        }

        var message = $"the published binary {Path} is missing: run build/publish.sh first (or set KAIROS_STAGES_BINARY)";
        return Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(message) : message;
    }
}

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>Whether this machine runs arm64 programs: qemu-user registered with binfmt_misc (build/emulate-arm64.sh).</summary>
internal static class Emulation
{
    private const string Arm64Handler = "/proc/sys/fs/binfmt_misc/qemu-aarch64";

    /// <summary>Why arm64 programs cannot run here, or null. In CI (.ci/run registers the handler) that is a failure, not a skip.</summary>
    public static string? Arm64Unavailable()
    {
        if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64)
        {
            return null;
        }

        var handler = File.Exists(Arm64Handler) ? File.ReadAllText(Arm64Handler) : "";
        // F: the kernel opens the interpreter when it is registered, so it works inside a chroot that lacks it
        var flags = handler.Split('\n').FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal)) ?? "flags:";
        if (handler.StartsWith("enabled\n", StringComparison.Ordinal) && flags["flags:".Length..].Contains('F', StringComparison.Ordinal))
        {
            return null;
        }

        var message = handler.Length == 0
            ? $"arm64 programs cannot run here: no {Arm64Handler} (bash build/emulate-arm64.sh registers qemu-user)"
            : $"arm64 programs cannot run here: {Arm64Handler} is not enabled with the F flag:\n{handler}";
        return Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(message) : message;
    }
}

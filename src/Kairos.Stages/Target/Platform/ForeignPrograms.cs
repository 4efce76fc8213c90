using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// Whether this machine runs the programs of a Kairos architecture: natively, or through qemu-user registered with
/// binfmt_misc with the F flag (the kernel opens the interpreter at registration, so it works inside a root or a
/// container that lacks it). A build for another architecture runs that architecture's programs (apt, dracut…), so
/// without either it cannot work and must be refused before it starts.
/// </summary>
public static class ForeignPrograms
{
    public const string BinfmtDir = "/proc/sys/fs/binfmt_misc";

    private static readonly Dictionary<string, (Architecture Native, string Handler)> Known = new(StringComparer.Ordinal)
    {
        ["amd64"] = (Architecture.X64, "qemu-x86_64"),
        ["arm64"] = (Architecture.Arm64, "qemu-aarch64"),
    };

    /// <summary>Why <paramref name="architecture"/>'s programs cannot run here, or null when they can (or the architecture is not one this knows).</summary>
    public static string? Unavailable(string architecture, string binfmtDir = BinfmtDir, Architecture? host = null)
    {
        if (!Known.TryGetValue(architecture, out var known) || (host ?? RuntimeInformation.OSArchitecture) == known.Native)
        {
            return null;
        }

        var path = Path.Combine(binfmtDir, known.Handler);
        var handler = File.Exists(path) ? File.ReadAllText(path) : null;
        var flags = handler?.Split('\n').FirstOrDefault(line => line.StartsWith("flags:", StringComparison.Ordinal)) ?? "flags:";
        if (handler is not null && handler.StartsWith("enabled\n", StringComparison.Ordinal) && flags["flags:".Length..].Contains('F', StringComparison.Ordinal))
        {
            return null;
        }

        var hostName = HostArchitecture(host);
        return handler is null
            ? $"{architecture} programs cannot run on this {hostName} machine: no binfmt_misc handler {path} (install qemu-user-static and binfmt-support, which register it)"
            : $"{architecture} programs cannot run on this {hostName} machine: the binfmt_misc handler {path} is not enabled with the F flag";
    }

    /// <summary>This machine's (or <paramref name="host"/>'s) architecture as Kairos names it (amd64, arm64), else .NET's name in lower case.</summary>
    public static string HostArchitecture(Architecture? host = null) =>
        Known.FirstOrDefault(pair => pair.Value.Native == (host ?? RuntimeInformation.OSArchitecture)).Key ?? (host ?? RuntimeInformation.OSArchitecture).ToString().ToLowerInvariant();
}

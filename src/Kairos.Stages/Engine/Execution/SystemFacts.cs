using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Execution;

/// <summary>The facts behind <c>.Values</c>, read from the target root (kernel facts fall back to the host's uname).</summary>
public sealed record SystemFacts
{
    public string OsName { get; init; } = "";
    public string OsVendor { get; init; } = "";
    public string OsVersion { get; init; } = "";
    public string OsRelease { get; init; } = "";
    public string OsArchitecture { get; init; } = "";
    public string KernelRelease { get; init; } = "";
    public string KernelVersion { get; init; } = "";
    public string KernelArchitecture { get; init; } = "";
    public string Hostname { get; init; } = "";
    public string MachineId { get; init; } = "";

    /// <summary>
    /// Reads the facts for a root: os-release fields from the build context, hostname and machine-id
    /// from the root's files, the kernel release from the root's newest <c>/lib/modules</c> entry
    /// (the kernel the image will boot) or else the host's, the kernel version always from the host.
    /// </summary>
    public static SystemFacts Read(IRootFileSystem files, BuildContext build)
    {
        var os = build.Distro.OsRelease;
        return new SystemFacts
        {
            OsName = build.Distro.PrettyName,
            OsVendor = os.Id,
            OsVersion = os.VersionId,
            OsRelease = os.VersionId,
            OsArchitecture = build.Arch,
            KernelRelease = RootKernel(files) ?? HostFile("/proc/sys/kernel/osrelease"),
            KernelVersion = HostFile("/proc/sys/kernel/version"),
            KernelArchitecture = UnameMachine(build.Arch),
            Hostname = RootFile(files, "/etc/hostname"),
            MachineId = RootFile(files, "/etc/machine-id"),
        };
    }

    private static string? RootKernel(IRootFileSystem files)
    {
        try
        {
            return files.DirectoryExists("/lib/modules") && files.ListDirectory("/lib/modules") is [.., var newest] ? newest : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string RootFile(IRootFileSystem files, string path)
    {
        try
        {
            return files.FileExists(path) ? files.ReadAllText(path).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string HostFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string UnameMachine(string goArch) => goArch switch
    {
        "amd64" => "x86_64",
        "arm64" => "aarch64",
        "386" => "i686",
        "arm" => "armv7l",
        _ => goArch,
    };
}

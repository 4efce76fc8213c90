namespace Kairos.Stages.Target.Platform;

/// <summary>Finds the host programs the targets start (chroot, setsid) in the usual system directories.</summary>
internal static class HostTools
{
    private static readonly string[] Directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string? Find(string name) =>
        Directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public static string Require(string name) =>
        Find(name) ?? throw new FileNotFoundException($"{name} not found on the host (looked in {string.Join(", ", Directories)})", name);
}

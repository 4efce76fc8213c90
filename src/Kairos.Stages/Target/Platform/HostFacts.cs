namespace Kairos.Stages.Target.Platform;

/// <summary>What tells a container or chroot apart from a real host: marker files, the <c>container</c> variable, and whether our root is init's root.</summary>
/// <param name="DockerEnv">/.dockerenv exists.</param>
/// <param name="ContainerEnv">/run/.containerenv exists (podman).</param>
/// <param name="ContainerVariable">The <c>container</c> environment variable (systemd-nspawn, podman, lxc …).</param>
/// <param name="RootDiffersFromInit">True when / and /proc/1/root are different inodes (we are chrooted); null when that cannot be read.</param>
/// <param name="InitName">PID 1's name (<c>/proc/1/comm</c>); null when /proc is missing or unreadable.</param>
public sealed record HostFacts(bool DockerEnv, bool ContainerEnv, string? ContainerVariable, bool? RootDiffersFromInit, string? InitName = null)
{
    /// <summary>
    /// Names PID 1 has on a booted machine. A build step's PID 1 is a shell, a container init
    /// (tini, dumb-init, docker-init, catatonit) or the build tool itself; BuildKit creates no
    /// /.dockerenv, so this is what tells its RUN steps from a host.
    /// </summary>
    public static readonly IReadOnlySet<string> SystemInits = new HashSet<string>(StringComparer.Ordinal)
    {
        "systemd", "init", "openrc-init", "runit", "runit-init", "s6-svscan", "upstart", "launchd", "busybox",
    };

    /// <summary>Reads the facts of the running process.</summary>
    public static HostFacts Read()
    {
        var self = Native.TryStatFollowing("/", out _);
        var init = Native.TryStatFollowing("/proc/1/root", out _);
        bool? differs = self is { } s && init is { } i
            ? s.Inode != i.Inode || s.DevMajor != i.DevMajor || s.DevMinor != i.DevMinor
            : null;
        return new HostFacts(
            File.Exists("/.dockerenv"),
            File.Exists("/run/.containerenv"),
            Environment.GetEnvironmentVariable("container") is { Length: > 0 } c ? c : null,
            differs,
            ReadInitName());
    }

    /// <summary>Why this looks like a container or chroot, or null when it looks like a real host.</summary>
    public string? ContainerEvidence() => this switch
    {
        { DockerEnv: true } => "/.dockerenv exists",
        { ContainerEnv: true } => "/run/.containerenv exists",
        { ContainerVariable: { } name } => $"container={name}",
        { RootDiffersFromInit: true } => "the process root is not init's root (chroot)",
        { InitName: { } init } when !SystemInits.Contains(init) => $"PID 1 is '{init}', not a system init (a container build step)",
        _ => null,
    };

    private static string? ReadInitName()
    {
        try
        {
            return File.ReadAllText("/proc/1/comm").Trim() is { Length: > 0 } name ? name : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

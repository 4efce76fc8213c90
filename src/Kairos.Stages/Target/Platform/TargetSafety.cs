namespace Kairos.Stages.Target.Platform;

/// <summary>Refuses to turn a real host into an image: acting on "/" is allowed only inside a container or chroot, unless forced.</summary>
public static class TargetSafety
{
    /// <summary>
    /// Null when acting on <paramref name="root"/> is allowed, else the reason it is refused
    /// (the CLI prints it with a hint about <c>--force</c>). Any root other than the host's "/"
    /// is allowed; "/" needs container evidence (<see cref="HostFacts"/>) or <paramref name="force"/>.
    /// </summary>
    public static string? Check(string root, bool force, HostFacts? facts = null)
    {
        if (force || !IsHostRoot(root))
        {
            return null;
        }

        facts ??= HostFacts.Read();
        if (facts.ContainerEvidence() is not null)
        {
            return null;
        }

        var unknown = facts.RootDiffersFromInit is null ? " (and /proc/1/root could not be read to tell)" : string.Empty;
        var init = facts.InitName is { } name ? $"PID 1 is the system init '{name}'" : "PID 1 is unknown (/proc/1/comm unreadable)";
        return "refusing to modify / : this does not look like a container or chroot" +
            $" (no /.dockerenv, no /run/.containerenv, no $container, / is init's root{unknown}, {init});" +
            " running here would turn this machine itself into a Kairos image";
    }

    /// <summary>True when <paramref name="root"/> is the process's own "/" (by path, or by being the same directory).</summary>
    public static bool IsHostRoot(string root)
    {
        if (Path.GetFullPath(root) == "/")
        {
            return true;
        }

        var self = Native.TryStatFollowing("/", out _);
        var other = Native.TryStatFollowing(root, out _);
        return self is { } s && other is { } o && s.Inode == o.Inode && s.DevMajor == o.DevMajor && s.DevMinor == o.DevMinor;
    }
}

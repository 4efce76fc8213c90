namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What a container runtime gives a RUN line, done with mount(8): /proc and /sys, a private /dev
/// (tmpfs with the standard nodes and runc's fd/stdin/stdout/stderr links, its own devpts, /dev/shm; never the host's /dev), and the host's
/// resolv.conf and hosts bind-mounted over the root's files (so a package that tries to replace
/// them, like systemd-resolved, cannot). Dispose unmounts in reverse order, lazily if busy.
/// </summary>
internal sealed class ContainerMounts : IDisposable
{
    private static readonly (string Name, int Major, int Minor)[] Nodes =
        [("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0)];

    private static readonly (string Name, string Target)[] Links =
        [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")];

    private readonly List<string> _mounted = [];

    public ContainerMounts(string root)
    {
        try
        {
            Mount(root, "proc", "-t", "proc", "proc");
            Mount(root, "sys", "-t", "sysfs", "-o", "ro", "sysfs");
            Mount(root, "dev", "-t", "tmpfs", "-o", "mode=755,nosuid", "tmpfs");
            foreach (var (name, major, minor) in Nodes)
            {
                Programs.Run("mknod", "-m", "666", Path.Combine(root, "dev", name), "c", major.ToString(), minor.ToString());
            }

            Mount(root, "dev/pts", "-t", "devpts", "-o", "newinstance,ptmxmode=0666", "devpts");
            File.CreateSymbolicLink(Path.Combine(root, "dev/ptmx"), "pts/ptmx");
            // runc's default links: bash's process substitution opens /dev/fd/N (dracut's url-lib reads the CA
            // bundle's path that way; without them its initrd silently lacked the bundle a Docker build includes)
            foreach (var (name, target) in Links)
            {
                File.CreateSymbolicLink(Path.Combine(root, "dev", name), target);
            }

            Mount(root, "dev/shm", "-t", "tmpfs", "-o", "mode=1777,nosuid,nodev", "tmpfs");
            BindFile(root, "etc/resolv.conf", "/etc/resolv.conf");
            BindFile(root, "etc/hosts", "/etc/hosts");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var target in Enumerable.Reverse(_mounted))
        {
            try
            {
                Programs.Run("umount", target);
            }
            catch (InvalidOperationException)
            {
                Programs.Run("umount", "-l", target);
            }
        }

        _mounted.Clear();
    }

    private void BindFile(string root, string relative, string source)
    {
        var target = Path.Combine(root, relative);
        if (new FileInfo(target).LinkTarget is not null)
        {
            File.Delete(target);
        }

        if (!File.Exists(target))
        {
            File.WriteAllText(target, "");
        }

        Programs.Run("mount", "--bind", source, target);
        _mounted.Add(target);
    }

    private void Mount(string root, string relative, params string[] how)
    {
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(target);
        Programs.Run(["mount", .. how, target]);
        _mounted.Add(target);
    }
}

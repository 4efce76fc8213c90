namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What a container runtime gives a RUN line: /proc, /sys and /dev mounted inside the root, and the
/// host's resolv.conf. Dispose unmounts in reverse order (lazily if something still holds a mount).
/// </summary>
internal sealed class ContainerMounts : IDisposable
{
    private readonly List<string> _mounted = [];

    public ContainerMounts(string root)
    {
        Mount(root, "proc", "-t", "proc", "proc");
        Mount(root, "sys", "-t", "sysfs", "sysfs");
        Mount(root, "dev", "--bind", "/dev");
        File.Copy("/etc/resolv.conf", Path.Combine(root, "etc/resolv.conf"), overwrite: true);
    }

    public void Dispose()
    {
        foreach (var target in Enumerable.Reverse(_mounted))
        {
            try
            {
                DebianRoot.Run("umount", target);
            }
            catch (InvalidOperationException)
            {
                DebianRoot.Run("umount", "-l", target);
            }
        }
    }

    private void Mount(string root, string relative, params string[] how)
    {
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(target);
        DebianRoot.Run(["mount", .. how, target]);
        _mounted.Add(target);
    }
}

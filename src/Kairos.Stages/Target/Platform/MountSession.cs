namespace Kairos.Stages.Target.Platform;

/// <summary>
/// The kernel file systems a chroot needs, mounted inside a root for the length of a run:
/// /proc (proc), /sys (sysfs, or a recursive bind of the host's), /dev and /dev/pts (binds of
/// the host's, made slaves so nothing propagates back), /run (tmpfs); plus working DNS
/// (<see cref="ResolvConfLoan"/>). A mount point that is already mounted is left alone and not
/// unmounted later. Mount points are reached through descriptors inside the root, so a link in
/// the root can never redirect a mount onto the host. Dispose unmounts in reverse order (lazy
/// unmount when busy) and removes the mount-point directories it had to create.
/// </summary>
public sealed class MountSession : IDisposable
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;
    private readonly RootFileSystem _files;
    private readonly List<string> _mounted = [];
    private readonly List<string> _created = [];
    private ResolvConfLoan? _dns;
    private bool _disposed;

    private MountSession(string root)
    {
        _files = new RootFileSystem(root);
    }

    public string Root => _files.Root;

    /// <summary>The host paths this session mounted, in mount order (empty once disposed).</summary>
    public IReadOnlyList<string> MountPoints => _mounted;

    /// <summary>Mounts what is missing; on failure everything already mounted is undone before the error is thrown.</summary>
    public static MountSession Open(string root)
    {
        var session = new MountSession(root);
        try
        {
            session.MountAll();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var errors = new List<Exception>();
        Try(errors, () => _dns?.Dispose());
        for (var i = _mounted.Count - 1; i >= 0; i--)
        {
            var errno = Native.TryUnmount(_mounted[i], Native.UnmountNoFollow);
            if (errno is not (0 or Errno.Invalid or Errno.NoEntry))
            {
                errno = Native.TryUnmount(_mounted[i], Native.UnmountNoFollow | Native.UnmountDetach);
            }

            if (errno is not (0 or Errno.Invalid or Errno.NoEntry))
            {
                errors.Add(Native.Error(errno, "umount", _mounted[i]));
            }
        }

        _mounted.Clear();
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            _files.TryRemoveEmptyDirectory(_created[i]);
        }

        if (errors.Count > 0)
        {
            throw new AggregateException($"could not undo everything mounted in {Root}", errors);
        }
    }

    private static void Try(List<Exception> errors, Action action)
    {
        try
        {
            action();
        }
        catch (Exception error)
        {
            errors.Add(error);
        }
    }

    /// <summary>
    /// Keeps DNS working while packages change /etc/resolv.conf (e.g. systemd-resolved's stub
    /// link into /run appears mid-run): a link into the /run tmpfs this session mounted gets its
    /// target written there (gone with the tmpfs); any other missing file is lent as before.
    /// </summary>
    public void EnsureDns(string hostResolvConf = "/etc/resolv.conf")
    {
        const string ResolvConf = "/etc/resolv.conf";
        if (_disposed || _files.Exists(ResolvConf) || !File.Exists(hostResolvConf))
        {
            return;
        }

        var target = _files.ReadLink(ResolvConf) is { } link ? RootPath.Resolve(_files.Root, ResolvConf) : null;
        var runMounted = _mounted.Contains(RootPath.Resolve(_files.Root, "/run"));
        if (target is not null && runMounted && RootPath.ToRootView(_files.Root, target) is var inRoot && inRoot.StartsWith("/run/", StringComparison.Ordinal))
        {
            var parent = inRoot[..inRoot.LastIndexOf('/')];
            var path = "";
            foreach (var part in parent.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                path += "/" + part;
                if (!_files.DirectoryExists(path))
                {
                    _files.CreateDirectory(path, DirectoryMode, 0, 0);
                }
            }

            _files.WriteFile(inRoot, File.ReadAllBytes(hostResolvConf), (UnixFileMode)0x1A4, 0, 0);
            return;
        }

        _dns ??= ResolvConfLoan.Provide(_files, hostResolvConf);
    }

    private void MountAll()
    {
        const ulong Safe = Native.MountNoSuid | Native.MountNoDev | Native.MountNoExec;
        Mount("/proc", t => Native.TryMount("proc", t, "proc", Safe, null));
        Mount("/sys", t => Native.TryMount("sysfs", t, "sysfs", Safe | Native.MountReadOnly, null) is 0 ? 0 : Bind("/sys", t, recursive: true));
        Mount("/dev", t => Bind("/dev", t, recursive: false));
        Mount("/dev/pts", t => Bind("/dev/pts", t, recursive: false));
        Mount("/run", t => Native.TryMount("tmpfs", t, "tmpfs", Native.MountNoSuid | Native.MountNoDev, "mode=0755"));
        _dns = ResolvConfLoan.Provide(_files);
    }

    private static int Bind(string source, string target, bool recursive) =>
        Native.TryMount(source, target, null, Native.MountBind | (recursive ? Native.MountRecursive : 0), null);

    /// <summary>Mounts on the directory <paramref name="path"/> of the root via its /proc/self/fd link, then records the host path.</summary>
    private void Mount(string path, Func<string, int> mount)
    {
        if (!_files.DirectoryExists(path))
        {
            _files.CreateDirectory(path, DirectoryMode, 0, 0);
            _created.Add(path);
        }

        string host;
        using (var dir = _files.OpenDirectoryHandle(path))
        {
            var magic = $"/proc/self/fd/{dir.DangerousGetHandle()}";
            host = new FileInfo(magic).LinkTarget ?? throw new IOException($"cannot read {magic}");
            if (MountTable.IsMountPoint(host))
            {
                return;
            }

            var errno = mount(magic);
            if (errno != 0)
            {
                throw Native.Error(errno, "mount", host);
            }
        }

        _mounted.Add(host);

        // Binds of a shared mount join its peer group: a slave gets the host's events, sends none back.
        _ = Native.TryMount(null, host, null, Native.MountSlave | Native.MountRecursive, null);
    }
}

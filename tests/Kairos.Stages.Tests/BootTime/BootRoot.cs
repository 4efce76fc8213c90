using System.Diagnostics;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// A booted node as the boot stages see it: a static-busybox root with /proc/cmdline and the
/// /run/cos flag files of one boot mode (plain files; nothing is mounted). Stand-ins (test
/// fixtures) replace what only a real node has: systemctl/openrc, kairos-agent, grub2-editenv,
/// mount, blkid, setupcon; each appends its arguments to /run/test/&lt;name&gt;.log.
/// </summary>
public sealed class BootRoot : IDisposable
{
    private static readonly string[] ExtraApplets = ["cp", "mv", "ln", "chown", "find", "sort", "tr", "cut", "date", "mountpoint", "dirname", "basename"];

    private readonly BusyboxRoot _root = new("debian");

    public BootRoot(BootMode mode, string serviceManager = "systemd", string prettyName = "Debian GNU/Linux 12 (bookworm)")
    {
        Mode = mode;
        foreach (var applet in ExtraApplets.Where(a => !File.Exists(_root.HostPath("bin/" + a))))
        {
            File.CreateSymbolicLink(_root.HostPath("bin/" + applet), "busybox");
        }

        _root.Directory.Write("etc/os-release", $"ID=debian\nPRETTY_NAME=\"{prettyName}\"\nVERSION_ID=\"12\"\n");
        _root.Directory.Write("proc/cmdline", mode.CommandLine + "\n");
        foreach (var flag in mode.Flags)
        {
            _root.Directory.Write("run/cos/" + flag, "1");
        }

        var stubs = serviceManager == "systemd"
            ? new[] { "usr/bin/systemctl", "usr/bin/systemd-machine-id-setup", "usr/bin/networkctl" }
            : ["sbin/openrc", "sbin/rc-update", "sbin/rc-service", "usr/bin/dbus-uuidgen"];
        foreach (var stub in stubs.Concat(["usr/bin/kairos-agent", "usr/bin/grub2-editenv", "bin/mount", "bin/umount", "sbin/blkid", "bin/setupcon"]))
        {
            Stub(stub);
        }
    }

    public BootMode Mode { get; }

    public string Path => _root.Path;

    public TempRoot Directory => _root.Directory;

    public string HostPath(string path) => _root.HostPath(path);

    public bool Exists(string path) => File.Exists(HostPath(path)) || System.IO.Directory.Exists(HostPath(path));

    public string Read(string path) => File.ReadAllText(HostPath(path));

    public UnixFileMode ModeOf(string path) => File.GetUnixFileMode(HostPath(path));

    /// <summary>The calls a stand-in recorded, one per line (empty when never called).</summary>
    public string Calls(string tool) => File.Exists(HostPath($"run/test/{tool}.log")) ? Read($"run/test/{tool}.log") : "";

    public void Dispose() => _root.Dispose();

    /// <summary>Adds a stand-in at <paramref name="path"/> that records its arguments; <paramref name="answer"/> is shell run after that (e.g. an <c>echo</c> of what it prints).</summary>
    public void Stub(string path, string answer = "")
    {
        var name = System.IO.Path.GetFileName(path);
        var text = name switch
        {
            "blkid" => "#!/bin/sh\necho \"$*\" >> /run/test/blkid.log\necho /dev/fake-state\n",
            _ => $"#!/bin/sh\n# test fixture standing in for {name}\nmkdir -p /run/test\necho \"$*\" >> /run/test/{name}.log\n{answer}\n",
        };
        _root.Directory.Write(path, text, (UnixFileMode)0x1ED);
        Debug.Assert(File.Exists(HostPath(path)));
    }
}

namespace Kairos.Stages.Tests.Support;

/// <summary>
/// A minimal real root built from the static busybox: /bin/busybox with applet links (sh, cat,
/// ls, sleep …), /etc/os-release, /etc/passwd, /etc/group and empty /proc /sys /dev /tmp /run.
/// </summary>
public sealed class BusyboxRoot : IDisposable
{
    public const string BusyboxPath = "/bin/busybox";

    private static readonly string[] Applets =
    [
        "sh", "cat", "ls", "echo", "sleep", "env", "id", "mkdir", "rm", "test", "true", "false",
        "grep", "sed", "head", "tail", "touch", "chmod", "stat", "readlink", "wc", "printf", "kill", "ln",
    ];

    private readonly TempRoot _root;

    public BusyboxRoot(string? osReleaseId = "busybox")
    {
        _root = new TempRoot("ks-busybox-");
        Populate(_root.Path, osReleaseId);
    }

    /// <summary>Fills an existing empty directory (a tmpfs mount, say) with the same minimal root.</summary>
    public static void Populate(string directory, string? osReleaseId = "busybox")
    {
        string At(string relative) => System.IO.Path.Combine(directory, relative);
        foreach (var dir in new[] { "bin", "etc", "proc", "sys", "dev", "tmp", "run", "root" })
        {
            System.IO.Directory.CreateDirectory(At(dir));
        }

        File.Copy(BusyboxPath, At("bin/busybox"));
        File.SetUnixFileMode(At("bin/busybox"), (UnixFileMode)0x1ED);
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(At($"bin/{applet}"), "busybox");
        }

        File.SetUnixFileMode(At("tmp"), (UnixFileMode)0x3FF);
        File.WriteAllText(At("etc/os-release"), $"ID={osReleaseId}\nNAME=\"Busybox test root\"\nVERSION_ID=1.0\n");
        File.WriteAllText(At("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        File.WriteAllText(At("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    }

    /// <summary>True when the host has a static busybox to build roots from (install busybox-static).</summary>
    public static bool Available => File.Exists(BusyboxPath);

    public string Path => _root.Path;

    /// <summary>The host path of a path inside the root.</summary>
    public string HostPath(string path) => _root.HostPath(path);

    public TempRoot Directory => _root;

    public void Dispose() => _root.Dispose();
}

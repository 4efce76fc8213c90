namespace Kairos.Factory.Tests.Support;

/// <summary>A private podman store in a temp dir (never the machine's own), removed with its mounts on dispose.</summary>
internal sealed class Podman : IDisposable
{
    public Podman()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kf-podman-").FullName;
    }

    public string Directory { get; }

    public string Root => Path.Combine(Directory, "root");

    public string RunRoot => Path.Combine(Directory, "run");

    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (podman storage, chroot)"
        : !File.Exists("/usr/bin/podman") ? "needs podman (build/install-deps.sh installs it)"
        : null;

    public string Run(params string[] arguments) => Programs.Run(["podman", "--root", Root, "--runroot", RunRoot, "--storage-driver", "overlay", .. arguments]);

    /// <summary>Imports a root tarball as a local image.</summary>
    public void Import(byte[] tarball, string name)
    {
        var path = Path.Combine(Directory, "import.tar");
        File.WriteAllBytes(path, tarball);
        Run("import", path, name);
        File.Delete(path);
    }

    public void Dispose()
    {
        try
        {
            // rmi, not 'system reset': a reset also empties /run/libpod under every other podman running at the time
            // (the Factory's shared build store among them)
            Run("rmi", "--all", "--force");
        }
        catch (InvalidOperationException)
        {
            // the store may never have been created
        }

        foreach (var mount in Jobs.LeftoverCleaner.MountsUnder(Directory))
        {
            Programs.Run("umount", "-l", mount);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

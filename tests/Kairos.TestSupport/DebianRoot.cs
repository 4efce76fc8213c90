namespace Kairos.TestSupport;

/// <summary>
/// A real debootstrap'd Debian 12 (minbase) root in a temp directory. The first test on the machine makes the
/// debootstrap tarball (the packages) and runs debootstrap's second stage from it once, into a tar of the finished
/// root; every root after that is unpacked from it (others wait on the lock meanwhile, later runs reuse both), as an
/// engine unpacks <c>FROM debian:12</c>. The second stage takes ~22 s here natively and minutes under qemu-user
/// (arm64), unpacking the finished root under a second. KAIROS_STAGES_CI_COLD=1 ignores the machine's copies: both are
/// made again in a directory of this test process, as on a fresh machine.
/// </summary>
public sealed class DebianRoot : IDisposable
{
    private const string SharedCacheDirectory = "/var/cache/kairos-stages-ci";

    // debootstrap takes minutes; a creator that holds the lock longer than this has hung
    private static readonly TimeSpan CreationTimeout = TimeSpan.FromMinutes(20);

    // amd64 keeps the tarball's first name, so machines that made it before arm64 existed reuse it
    private static string Tarball(string arch) => System.IO.Path.Combine(
        CachedFile.Directory(SharedCacheDirectory, CachedFile.Cold), arch == "amd64" ? "bookworm-minbase.tgz" : $"bookworm-minbase-{arch}.tgz");

    // the root after debootstrap's second stage, as a tar
    private static string RootTarball(string arch) => System.IO.Path.Combine(
        CachedFile.Directory(SharedCacheDirectory, CachedFile.Cold), $"bookworm-minbase-root-{arch}.tar");

    private DebianRoot(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why the test cannot run here (not root, no debootstrap), or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (chroot, mounts)"
        : !File.Exists("/usr/sbin/debootstrap") ? "needs debootstrap (build/install-deps.sh installs it)"
        : null;

    /// <summary>A fresh root of the given Debian architecture (another than the machine's runs through qemu-user, see <c>Emulation</c>).</summary>
    public static DebianRoot Create(string arch = "amd64")
    {
        var root = EnsureRootTarball(arch);
        var path = Directory.CreateTempSubdirectory("ks-e2e-").FullName;
        try
        {
            Programs.Run("tar", "--extract", "--numeric-owner", "--preserve-permissions", "--xattrs", "--xattrs-include=*", "--file", root, "--directory", path);
        }
        catch
        {
            Directory.Delete(path, recursive: true); // a half-unpacked root is nobody's to clean up later
            throw;
        }

        return new DebianRoot(path);
    }

    /// <summary>Makes (once on the machine, under <see cref="CachedFile"/>'s lock) and returns the tar of a finished <paramref name="arch"/> root.</summary>
    private static string EnsureRootTarball(string arch)
    {
        var tarball = EnsureTarball(arch);
        var root = RootTarball(arch);
        CachedFile.Ensure(root, part => MakeRootTarball(part, tarball, arch), CreationTimeout);
        return root;
    }

    /// <summary>Makes (once on the machine, under <see cref="CachedFile"/>'s lock) and returns the debootstrap tarball of <paramref name="arch"/>.</summary>
    private static string EnsureTarball(string arch)
    {
        var tarball = Tarball(arch);
        CachedFile.Ensure(tarball, part => MakeTarball(part, arch), CreationTimeout);
        return tarball;
    }

    private static void MakeTarball(string part, string arch)
    {
        var work = Directory.CreateTempSubdirectory("ks-dbs-").FullName;
        try
        {
            Programs.Run("debootstrap", "--variant=minbase", $"--arch={arch}", $"--make-tarball={part}", "bookworm", work);
        }
        finally
        {
            // debootstrap --make-tarball removes its work directory itself when it succeeds
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static void MakeRootTarball(string part, string tarball, string arch)
    {
        var work = Directory.CreateTempSubdirectory("ks-dbs-root-").FullName;
        try
        {
            Programs.Run("debootstrap", "--variant=minbase", $"--arch={arch}", $"--unpack-tarball={tarball}", "bookworm", work);
            Programs.Run("tar", "--create", "--numeric-owner", "--xattrs", "--xattrs-include=*", "--file", part, "--directory", work, ".");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs a command inside the root (chroot) and returns its output; throws on failure.</summary>
    public string Chroot(params string[] command) => Programs.Run(["chroot", Path, .. command]);

    /// <summary>
    /// Runs a program inside the root as a Dockerfile RUN line does: chroot, the image's PATH and HOME, none of the
    /// host's variables (env -i). Returns the exit code and both outputs; never throws on a failing program.
    /// </summary>
    public (int Code, string Output, string Error) RunLine(string program, params string[] args)
    {
        var result = Programs.Try(["env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "chroot", Path, program, .. args]);
        return (result.Code, result.Output, result.Error);
    }

    public void Dispose()
    {
        // never delete through a mount: the run must have unmounted everything; KAIROS_STAGES_KEEP_E2E=1 keeps roots to inspect
        if (File.ReadAllText("/proc/self/mountinfo").Contains(Path, StringComparison.Ordinal)
            || Environment.GetEnvironmentVariable("KAIROS_STAGES_KEEP_E2E") == "1")
        {
            return;
        }

        Directory.Delete(Path, recursive: true);
    }
}

using System.Diagnostics;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// A real debootstrap'd Debian 12 (minbase) root in a temp directory, unpacked from a debootstrap
/// tarball that the first test on the machine makes (the others wait for it) and later runs reuse.
/// KAIROS_STAGES_CI_COLD=1 ignores the machine's copy: the tarball is made again in a directory of
/// this test process, as on a fresh machine.
/// </summary>
internal sealed class DebianRoot : IDisposable
{
    private const string SharedCacheDirectory = "/var/cache/kairos-stages-ci";

    // debootstrap takes minutes; a creator that holds the lock longer than this has hung
    private static readonly TimeSpan CreationTimeout = TimeSpan.FromMinutes(20);

    // amd64 keeps the tarball's first name, so machines that made it before arm64 existed reuse it
    private static string Tarball(string arch) => System.IO.Path.Combine(
        CachedFile.Directory(SharedCacheDirectory, CachedFile.Cold), arch == "amd64" ? "bookworm-minbase.tgz" : $"bookworm-minbase-{arch}.tgz");

    private DebianRoot(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why the test cannot run here (not root, no debootstrap), or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (chroot, mounts)"
        : !File.Exists("/usr/sbin/debootstrap") ? "needs debootstrap (build/install-deps.sh installs it)"
        : null;

    /// <summary>A fresh root of the given Debian architecture (another than the machine's runs through qemu-user, see <see cref="Emulation"/>).</summary>
    public static DebianRoot Create(string arch = "amd64")
    {
        var tarball = Tarball(arch);
        CachedFile.Ensure(tarball, part => MakeTarball(part, arch), CreationTimeout);
        var path = Directory.CreateTempSubdirectory("ks-e2e-").FullName;
        Run("debootstrap", "--variant=minbase", $"--arch={arch}", $"--unpack-tarball={tarball}", "bookworm", path);
        return new DebianRoot(path);
    }

    private static void MakeTarball(string part, string arch)
    {
        var work = Directory.CreateTempSubdirectory("ks-dbs-").FullName;
        try
        {
            Run("debootstrap", "--variant=minbase", $"--arch={arch}", $"--make-tarball={part}", "bookworm", work);
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

    /// <summary>Runs a command inside the root (chroot) and returns its output; throws on failure.</summary>
    public string Chroot(params string[] command) => Run(["chroot", Path, .. command]);

    /// <summary>
    /// Runs a program inside the root as a Dockerfile RUN line does: chroot, the image's PATH and HOME, none of the
    /// host's variables. Returns the exit code and both outputs; never throws on a failing program.
    /// </summary>
    public (int Code, string Output, string Error) RunLine(string program, params string[] args)
    {
        var start = new ProcessStartInfo("chroot") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path, program }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = "/root";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    public static string Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}: {error}");
        }

        return output.Result;
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

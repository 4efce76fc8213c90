using System.Diagnostics;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// A real debootstrap'd Debian 12 (minbase) root in a temp directory. Uses a cached debootstrap
/// tarball when the CI machine has one (made on first use), but never depends on it.
/// </summary>
internal sealed class DebianRoot : IDisposable
{
    private const string CacheDirectory = "/var/cache/kairos-stages-ci";
    private const string Tarball = CacheDirectory + "/bookworm-minbase.tgz";

    private DebianRoot(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why the test cannot run here (not root, no debootstrap), or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (chroot, mounts)"
        : !File.Exists("/usr/sbin/debootstrap") ? "needs debootstrap (build/install-deps.sh installs it)"
        : null;

    public static DebianRoot Create()
    {
        var path = Directory.CreateTempSubdirectory("ks-e2e-").FullName;
        if (!File.Exists(Tarball))
        {
            Directory.CreateDirectory(CacheDirectory);
            var work = Directory.CreateTempSubdirectory("ks-dbs-").FullName;
            Run("debootstrap", "--variant=minbase", $"--make-tarball={Tarball}.part", "bookworm", work);
            File.Move(Tarball + ".part", Tarball, overwrite: true);
            Directory.Delete(work, recursive: true);
        }

        Run("debootstrap", "--variant=minbase", $"--unpack-tarball={Tarball}", "bookworm", path);
        return new DebianRoot(path);
    }

    /// <summary>Runs a command inside the root (chroot) and returns its output; throws on failure.</summary>
    public string Chroot(params string[] command) => Run(["chroot", Path, .. command]);

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

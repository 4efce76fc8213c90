using System.Diagnostics;
using Kairos.Stages.Tests.EndToEnd;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>
/// A real Debian 12 (bookworm minbase) root filesystem as a tarball, from debootstrap (its package tarball is cached
/// in /var/cache/kairos-stages-ci like the engine's end-to-end tests, made on first use), and stand-in Kairos release
/// artifacts (build/stand-in-artifacts.py: no GitHub here) for the server's --artifacts-dir.
/// </summary>
public static class DebianBase
{
    // The engine's end-to-end tests make the same tarball: one creator at a time (CachedFile's lock), KAIROS_STAGES_CI_COLD=1 honoured.
    private static string Cache => Path.Combine(CachedFile.Directory("/var/cache/kairos-stages-ci", CachedFile.Cold), "bookworm-minbase.tgz");

    /// <summary>Why the real build cannot run here, or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (debootstrap, chroot)"
        : !File.Exists("/usr/sbin/debootstrap") ? "needs debootstrap (build/install-deps.sh installs it)"
        : Binary is null ? "needs the published kairos-stages (KAIROS_STAGES_BINARY; .ci/run sets it)"
        : null;

    public static string? Binary => Environment.GetEnvironmentVariable("KAIROS_STAGES_BINARY") is { Length: > 0 } path && File.Exists(path) ? path : null;

    public static string CreateRootTarball(string directory)
    {
        var cache = Cache;
        CachedFile.Ensure(cache, MakeTarball, TimeSpan.FromMinutes(20));
        var root = Directory.CreateTempSubdirectory("kf-debian-root-").FullName;
        try
        {
            Run("debootstrap", "--variant=minbase", $"--unpack-tarball={cache}", "bookworm", root);
            var tarball = Path.Combine(directory, "debian-12-root.tar");
            Run("tar", "--create", "--numeric-owner", "--file", tarball, "--directory", root, ".");
            return tarball;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void MakeTarball(string part)
    {
        var work = Directory.CreateTempSubdirectory("kf-dbs-").FullName;
        try
        {
            Run("debootstrap", "--variant=minbase", $"--make-tarball={part}", "bookworm", work);
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

    /// <summary>Stand-ins named like every pinned release file, so the real pipeline installs offline.</summary>
    public static string CreateStandInArtifacts(string directory)
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "artifacts")).FullName;
        var list = Run(Binary!, "artifacts", "list", "--all", "--arch", "amd64", "--version", "1.0.0");
        var script = Path.Combine(RepositoryRoot(), "build", "stand-in-artifacts.py");
        Run(["python3", script, target], list);
        return target;
    }

    /// <summary>True when this kairos-stages lists a build-iso command (issue 13): then the build asks for an ISO.</summary>
    /// <remarks>An unknown command's --help still exits 0 (it prints the root help), so the command list is read instead.</remarks>
    public static bool HasBuildIso() =>
        Run(Binary!, "--help").Split('\n').Any(line => line.TrimStart().StartsWith("build-iso ", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kairos.Stages.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Kairos.Stages.sln) is not above the test output");
    }

    private static string Run(params string[] command) => Run(command, null);

    private static string Run(string[] command, string? input)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}: {error}");
        }

        return output.Result;
    }
}

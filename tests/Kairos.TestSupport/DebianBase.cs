namespace Kairos.TestSupport;

/// <summary>
/// A real Debian 12 (bookworm minbase) root filesystem as a tarball, from debootstrap (its package tarball is cached
/// in /var/cache/kairos-stages-ci like the engine's end-to-end tests, made on first use), and stand-in Kairos release
/// artifacts (build/stand-in-artifacts.py: no GitHub here) for the server's --artifacts-dir.
/// </summary>
public static class DebianBase
{
    /// <summary>Why the real build cannot run here, or null.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "needs root (debootstrap, chroot)"
        : !File.Exists("/usr/sbin/debootstrap") ? "needs debootstrap (build/install-deps.sh installs it)"
        : Binary is null ? "needs the published kairos-stages (KAIROS_STAGES_BINARY; .ci/run sets it)"
        : null;

    public static string? Binary => Environment.GetEnvironmentVariable("KAIROS_STAGES_BINARY") is { Length: > 0 } path && File.Exists(path) ? path : null;

    public static string CreateRootTarball(string directory)
    {
        // the engine's end-to-end tests' root (one creator of the cache at a time, KAIROS_STAGES_CI_COLD=1 honoured)
        using var root = DebianRoot.Create();
        var tarball = Path.Combine(directory, "debian-12-root.tar");
        // without debootstrap's /dev nodes: the Factory refuses uploads that carry device nodes (issue 25), and an
        // engine gives a container its own /dev anyway
        Programs.Run("tar", "--create", "--numeric-owner", "--exclude=./dev/*", "--file", tarball, "--directory", root.Path, ".");
        return tarball;
    }

    /// <summary>Stand-ins named like every pinned release file, so the real pipeline installs offline.</summary>
    public static string CreateStandInArtifacts(string directory)
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "artifacts")).FullName;
        var list = Programs.Run(Binary!, "artifacts", "list", "--all", "--arch", "amd64", "--version", "1.0.0");
        var script = Path.Combine(RepositoryRoot(), "build", "stand-in-artifacts.py");
        Programs.Run(["python3", script, target], list);
        return target;
    }

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
}

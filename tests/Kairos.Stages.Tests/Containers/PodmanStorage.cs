using System.Diagnostics;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// Podman with a private image store (--root, --runroot) and its own registries.conf under one temp
/// directory, so tests never touch the machine's images and nothing resolves to a registry.
/// runc is the OCI runtime (crun cannot set this host's rlimits). Dispose removes the store's images (and the
/// containers on them), unmounts what is left and deletes the directory.
/// </summary>
internal sealed class PodmanStorage : IDisposable
{
    /// <summary>RUN steps under OCI isolation need explicit limits: root here lacks CAP_SYS_RESOURCE to raise the defaults.</summary>
    public static readonly string[] Limits = ["--ulimit", "nofile=16384:16384", "--ulimit", "nproc=4096:4096"];

    private readonly string _directory;
    private readonly string _registries;

    public PodmanStorage()
    {
        _directory = Directory.CreateTempSubdirectory("ks-podman-").FullName;
        _registries = Path.Combine(_directory, "registries.conf");

        // no unqualified search: a short name is looked up in the private store only (short-name aliases still apply)
        File.WriteAllText(_registries, "unqualified-search-registries = []\nshort-name-mode = \"permissive\"\n");
    }

    /// <summary>Where tests may put files that live as long as the store (contexts, archives).</summary>
    public string Scratch => _directory;

    /// <summary>Why podman can't be used here, or null. In CI a missing tool is a failure, not a skip.</summary>
    public static string? Unavailable()
    {
        static bool Installed(string tool) => File.Exists("/usr/bin/" + tool) || File.Exists("/usr/sbin/" + tool);
        var why = Environment.UserName != "root" ? "needs root (podman with a private store)"
            : !Installed("podman") || !Installed("runc") ? "needs podman and runc (build/install-deps.sh installs them)"
            : null;
        return why is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(why) : why;
    }

    /// <summary>
    /// Environment that points another program's podman (e.g. build-iso with an image name) at this store
    /// and its registries.conf: CONTAINERS_STORAGE_CONF names a storage.conf with the store's driver and paths.
    /// </summary>
    public Dictionary<string, string> EnvironmentForOtherPrograms()
    {
        var driver = Check("info", "--format", "{{.Store.GraphDriverName}}").Output.Trim();
        var conf = Path.Combine(_directory, "storage.conf");
        File.WriteAllText(conf, $"[storage]\ndriver = \"{driver}\"\ngraphroot = \"{Path.Combine(_directory, "root")}\"\nrunroot = \"{Path.Combine(_directory, "run")}\"\n");
        return new(StringComparer.Ordinal) { ["CONTAINERS_STORAGE_CONF"] = conf, ["CONTAINERS_REGISTRIES_CONF"] = _registries };
    }

    /// <summary>Runs podman with the private store; returns exit code, stdout+stderr interleaved, and time taken.</summary>
    public EngineResult Run(params string[] args) => Shell(null, args);

    /// <summary>Runs <c>producer | podman args</c> (e.g. tar into podman import).</summary>
    public EngineResult Piped(string[] producer, params string[] args) => Shell(producer, args);

    /// <summary>Like <see cref="Run"/>, and throws with the output when podman fails.</summary>
    public EngineResult Check(params string[] args)
    {
        var result = Run(args);
        return result.Code == 0 ? result : throw new InvalidOperationException($"podman {string.Join(' ', args)} exited {result.Code}:\n{result.Tail}");
    }

    public void Dispose()
    {
        // rmi, never 'system reset': even given this store's --root and --runroot, a reset empties /run/libpod, the
        // runtime state of every podman on the machine (in CI the other lane's Factory build failed under it)
        Run("rmi", "--all", "--force");

        // rmi unmounts what it mounted; anything still mounted under the store is unmounted lazily before the delete
        foreach (var mount in MountsUnder(_directory).OrderByDescending(m => m.Length))
        {
            Process.Start("umount", ["-l", mount])!.WaitForExit();
        }

        if (MountsUnder(_directory).Count == 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<string> MountsUnder(string directory) =>
        [.. File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(directory + "/", StringComparison.Ordinal))];

    private EngineResult Shell(string[]? producer, string[] args) =>
        EngineShell.Run(
            ["podman", "--root", Path.Combine(_directory, "root"), "--runroot", Path.Combine(_directory, "run"), "--runtime", "runc", .. args],
            producer,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["CONTAINERS_REGISTRIES_CONF"] = _registries });
}

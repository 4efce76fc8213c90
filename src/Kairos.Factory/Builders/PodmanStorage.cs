using System.Security.Cryptography;
using System.Text;

namespace Kairos.Factory.Builders;

/// <summary>podman's global storage flags: the server's one build store, or the store base images are read from.</summary>
public static class PodmanStorage
{
    /// <summary>
    /// The store every podman build of this server shares, under the data dir (<c>DATA/podman</c>), so layers are cached
    /// across builds; podman's own locks keep concurrent builds in it safe. Its run root is under /run (podman's
    /// 50-character limit), named by a hash of the data dir so two servers on one machine never share one.
    /// </summary>
    public static List<string> Shared(FactoryOptions options) =>
        ["--root", Path.Combine(options.DataDir, "podman", "root"), "--runroot", SharedRunRoot(options.DataDir), "--storage-driver", "overlay"];

    public static string SharedRunRoot(string dataDir) =>
        "/run/kairos-factory/store-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..16];

    /// <summary>Where the user's local images are: podman's default store unless the server was given one.</summary>
    public static List<string> Source(FactoryOptions options) =>
        options.PodmanRoot is { } root ? ["--root", root, "--runroot", options.PodmanRunRoot ?? root + "-run"] : [];
}

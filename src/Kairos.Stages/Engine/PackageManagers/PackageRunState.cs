using System.Security.Cryptography;
using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.PackageManagers;

/// <summary>
/// What the package manager has done so far in one run, so repeated <c>refresh</c>/<c>upgrade</c>
/// requests (every bundled install step asks for them, like kairos-init's) cost one transaction:
/// a refresh is skipped while the repository configuration is byte-for-byte what the last refresh
/// of this run saw; an upgrade is skipped when one already ran since the last real refresh.
/// </summary>
public sealed class PackageRunState
{
    private readonly Lock _gate = new();
    private string? _refreshedWith;
    private bool _upgradedSinceRefresh;

    /// <summary>Whether a refresh is needed for the configuration <paramref name="fingerprint"/>.</summary>
    public bool NeedsRefresh(string fingerprint)
    {
        lock (_gate)
        {
            return _refreshedWith != fingerprint;
        }
    }

    public void Refreshed(string fingerprint)
    {
        lock (_gate)
        {
            _refreshedWith = fingerprint;
            _upgradedSinceRefresh = false;
        }
    }

    /// <summary>Whether an upgrade is needed: none ran yet, or the indexes were refreshed since.</summary>
    public bool NeedsUpgrade
    {
        get
        {
            lock (_gate)
            {
                return !_upgradedSinceRefresh;
            }
        }
    }

    public void Upgraded()
    {
        lock (_gate)
        {
            _upgradedSinceRefresh = true;
        }
    }

    /// <summary>
    /// A digest of the content of <paramref name="paths"/> in the root (directories recursively, in
    /// ordinal order). Anything unreadable makes a unique value, so a refresh is never skipped on doubt.
    /// </summary>
    public static string Fingerprint(IRootFileSystem files, IEnumerable<string> paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            foreach (var path in paths)
            {
                Add(files, path, hash, depth: 0);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return "unreadable-" + Guid.NewGuid().ToString("N");
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IRootFileSystem files, string path, IncrementalHash hash, int depth)
    {
        if (files.DirectoryExists(path))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"d {path}\n"));
            if (depth > 8)
            {
                throw new IOException($"{path}: too deep to fingerprint");
            }

            foreach (var name in files.ListDirectory(path))
            {
                Add(files, path.TrimEnd('/') + "/" + name, hash, depth + 1);
            }
        }
        else if (files.FileExists(path))
        {
            var content = files.ReadAllBytes(path);
            hash.AppendData(Encoding.UTF8.GetBytes($"f {path} {content.Length}\n"));
            hash.AppendData(content);
        }
    }
}

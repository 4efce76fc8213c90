using System.Text;
using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Adds keys to a user's <c>~/.ssh/authorized_keys</c> in the root; <c>github:</c>, <c>gitlab:</c> and URLs are fetched.</summary>
internal static class SshKeyWriter
{
    /// <summary>The URL a key entry must be fetched from, or null for a literal key.</summary>
    public static Uri? SourceOf(string key)
    {
        if (key.StartsWith("github:", StringComparison.Ordinal))
        {
            return new Uri($"https://github.com/{key[7..]}.keys");
        }

        if (key.StartsWith("gitlab:", StringComparison.Ordinal))
        {
            return new Uri($"https://gitlab.com/{key[7..]}.keys");
        }

        return Uri.TryCreate(key, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    /// <summary>Appends each key unless the file already contains it; returns the failures (one per key that could not be added).</summary>
    public static async Task<IReadOnlyList<string>> AddAsync(
        ActionContext context, Downloader? downloader, string user, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var files = context.Target.Files;
        var entry = AccountDatabase.Load(files).User(user);
        if (entry is null)
        {
            return [$"user '{user}' is not in the target's /etc/passwd"];
        }

        var errors = new List<string>();
        var sshDir = entry.Home.TrimEnd('/') + "/.ssh";
        var path = sshDir + "/authorized_keys";
        if (!files.DirectoryExists(sshDir))
        {
            files.CreateDirectory(sshDir, FileModes.Mode0700, entry.Uid, entry.Gid);
            files.SetMode(sshDir, FileModes.Mode0700);
        }

        var exists = files.FileExists(path);
        var text = exists ? files.ReadAllText(path) : "";
        var mode = exists ? files.Stat(path)!.Mode : FileModes.Mode0600;
        foreach (var key in keys)
        {
            var source = SourceOf(key);
            var material = key;
            if (source is not null)
            {
                try
                {
                    material = downloader is null
                        ? throw new DownloadException("no download client is configured")
                        : (await downloader.GetStringAsync(source, cancellationToken)).TrimEnd('\n');
                }
                catch (DownloadException error)
                {
                    errors.Add($"cannot fetch SSH keys for '{user}' from {UrlRedactor.Redact(source)}: {error.Message}");
                    continue;
                }
            }

            if (!text.Contains(material, StringComparison.Ordinal))
            {
                text += material + "\n";
            }
        }

        files.WriteFile(path, Encoding.UTF8.GetBytes(text), mode, entry.Uid, entry.Gid);
        return errors;
    }
}

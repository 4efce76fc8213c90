using System.Text;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Removes what a stopped build left: processes that carry its marker (the whole tree, wherever it was re-parented:
/// an engine's client, podman's build), then the work dir (never deleted through a mount: no builder mounts anything
/// there, the engines build in their own stores, so one found there is left alone with an error).
/// </summary>
public sealed class LeftoverCleaner(FactoryOptions options)
{
    /// <summary>The marker prefix of this data dir: jobs of another server on the same machine are never touched.</summary>
    public string MarkerPrefix { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(options.DataDir))))[..12] + ":";

    public string WorkDirOf(string jobId) => Path.Combine(options.WorkDir, jobId);

    /// <summary>Cleans one job (after a cancel, a failure or a restart).</summary>
    public async Task CleanJobAsync(string jobId)
    {
        KillMarked(MarkerPrefix + jobId);
        await CleanDirectoryAsync(WorkDirOf(jobId));
    }

    /// <summary>
    /// At start: nothing of this server runs yet, so every marked process, and every work dir named as this server names
    /// a job's (32 lower-case hex digits), is a leftover. Other names (a volume's
    /// <c>lost+found</c>, an operator's files) are never touched.
    /// </summary>
    public async Task CleanAllAsync()
    {
        KillMarked(MarkerPrefix);
        if (!Directory.Exists(options.WorkDir))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(options.WorkDir).Where(directory => IsJobId(Path.GetFileName(directory))))
        {
            await CleanDirectoryAsync(directory);
        }
    }

    /// <summary>A job id as the API makes them: <c>Guid.ToString("N")</c>.</summary>
    public static bool IsJobId(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);

    /// <summary>The mount points at or below <paramref name="directory"/>, deepest first.</summary>
    public static IReadOnlyList<string> MountsUnder(string directory) =>
        [.. MountTable.MountsUnder(Path.GetFullPath(directory))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(mountPoint => mountPoint.Length)];

    private static async Task CleanDirectoryAsync(string directory)
    {
        if (MountsUnder(directory) is { Count: > 0 } left)
        {
            Log.Error("Work dir {Directory} keeps {Count} mounts; not deleting it", directory, left.Count);
            return;
        }

        // a killed build's programs (podman tidying its layers, a dying dpkg) may still remove files while this walks the
        // tree, and a file may refuse to go (immutable); retry, then leave it with an error rather than fail the caller
        for (var attempt = 1; Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                if (attempt == DeleteAttempts)
                {
                    Log.Error("Work dir {Directory} could not be deleted: {Reason}", directory, exception.Message);
                    return;
                }

                await Task.Delay(DeleteRetryDelay);
            }
        }
    }

    private const int DeleteAttempts = 5;

    private static readonly TimeSpan DeleteRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Kills (with their trees) the processes whose environment carries <paramref name="marker"/> (a job's, or this server's prefix).</summary>
    internal static void KillMarked(string marker)
    {
        var needle = Encoding.UTF8.GetBytes(JobProcesses.MarkerVariable + "=" + marker);
        KillWhere(pid => Carries(pid, needle));
    }

    private static void KillWhere(Func<int, bool> belongs)
    {
        for (var round = 0; round < 5; round++)
        {
            var killed = 0;
            foreach (var pid in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!))
            {
                if (pid == Environment.ProcessId || !belongs(pid))
                {
                    continue;
                }

                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                    killed++;
                }
                catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // it ended between the scan and the kill
                }
            }

            if (killed == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }
    }

    private static bool Carries(int pid, byte[] needle)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{pid}/environ");
            return environment.AsSpan().IndexOf(needle) >= 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

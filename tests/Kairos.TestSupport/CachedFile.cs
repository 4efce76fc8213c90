using System.Globalization;

namespace Kairos.TestSupport;

/// <summary>
/// A file the tests make once per machine (the debootstrap tarball) and reuse. Creators serialise
/// on <c>PATH.lock</c> (flock, released when the holder exits, even by a crash); each one re-checks
/// after every wait, so a file renamed into place by any writer, with or without the lock, is taken
/// as is. The maker writes a private <c>.part</c> file that an atomic rename publishes: a reader
/// never sees half a file.
/// </summary>
public static class CachedFile
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Makes <paramref name="path"/> with <paramref name="make"/> (given the temporary file to write) unless it exists or appears meanwhile.</summary>
    public static void Ensure(string path, Action<string> make, TimeSpan timeout)
    {
        if (File.Exists(path))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        FileStream? held;
        while ((held = TryLock(path + ".lock")) is null)
        {
            if (File.Exists(path))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path}: another process held {path}.lock for {timeout} without making the file");
            }

            Thread.Sleep(Poll);
        }

        using (held)
        {
            if (File.Exists(path))
            {
                return;
            }

            var part = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.part";
            try
            {
                make(part);
                File.Move(part, path, overwrite: true);
            }
            finally
            {
                File.Delete(part);
            }
        }
    }

    /// <summary>The exclusive lock on <paramref name="lockPath"/>, or null while another holder has it.</summary>
    public static FileStream? TryLock(string lockPath)
    {
        try
        {
            // FileShare.None is an exclusive, non-blocking flock on Unix: it conflicts with every other open, in this process or another.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the cache lives: <paramref name="shared"/>, or in cold mode a directory of this test process
    /// (made on first use, removed when the process exits), so a cold run makes everything again.
    /// </summary>
    public static string Directory(string shared, bool cold) => cold ? ColdDirectory.Value : shared;

    /// <summary>KAIROS_STAGES_CI_COLD=1: ignore the machine's caches (a fresh machine's run).</summary>
    public static bool Cold => Environment.GetEnvironmentVariable("KAIROS_STAGES_CI_COLD") == "1";

    private static readonly Lazy<string> ColdDirectory = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kairos-stages-ci-cold-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        };
        return path;
    });
}

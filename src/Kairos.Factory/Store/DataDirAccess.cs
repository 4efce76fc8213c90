using System.Runtime.InteropServices;

namespace Kairos.Factory.Store;

/// <summary>
/// The data dir belongs to one server and to its owner: a lock file held while the server runs (a second server on the
/// same dir is refused instead of killing the first one's builds), and owner-only modes, 0700 directories and 0600
/// files (the store holds cloud-configs, the logs and ISOs may too), for what the server and its builds create.
/// </summary>
public static partial class DataDirAccess
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>umask 077 for the process and the builds it starts; the data dir, its top directories and the store files owner-only.</summary>
    public static void Restrict(FactoryOptions options)
    {
        _ = umask(0x3F);
        Directory.CreateDirectory(options.DataDir, OwnerOnlyDirectory);
        File.SetUnixFileMode(options.DataDir, OwnerOnlyDirectory);
        foreach (var directory in new[] { options.JobsDir, options.UploadsDir, options.WorkDir, Path.Combine(options.DataDir, "secrets") }.Where(Directory.Exists))
        {
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }

        foreach (var file in new[] { options.StorePath, options.StorePath + "-wal", options.StorePath + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }

    /// <summary>
    /// Takes <c>DATA_DIR/.lock</c> for the life of the returned handle (.NET holds <c>FileShare.None</c> as an exclusive
    /// flock on Unix); null when another server holds it.
    /// </summary>
    public static FileStream? TryLock(string dataDir)
    {
        try
        {
            return new FileStream(Path.Combine(dataDir, ".lock"), new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException) when (File.Exists(Path.Combine(dataDir, ".lock")))
        {
            return null;
        }
    }

    [LibraryImport("libc")]
    private static partial uint umask(uint mask);
}

using Microsoft.Data.Sqlite;
using Serilog;

namespace Kairos.Factory.Store;

/// <summary>
/// A few MiB kept in the data dir (<c>.reserve</c>) so that the writes a full disk must not stop can still happen:
/// a build's end (status and message), marking builds interrupted at start, deleting builds. Such a write that fails
/// for want of space deletes the reserve and tries once more; the reserve is made again when space is back.
/// </summary>
public sealed class DiskReserve(string dataDir)
{
    public const int Bytes = 2 << 20;

    public string Path { get; } = System.IO.Path.Combine(dataDir, ".reserve");

    /// <summary>Makes the reserve when it is missing and the space is there; a full disk leaves it missing (never half made).</summary>
    public void Refill()
    {
        if (File.Exists(Path))
        {
            return;
        }

        // the full size where it fits, else what a few store writes need (a nearly full disk after a clean-up)
        foreach (var size in new[] { Bytes, Bytes / 8, Bytes / 32 })
        {
            var temporary = Path + ".tmp";
            try
            {
                using (var file = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
                {
                    file.Write(new byte[size]); // written, not sparse: the blocks are really taken
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, Path);
                return;
            }
            catch (IOException)
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>Runs <paramref name="write"/>; when it fails for want of space, frees the reserve and runs it once more.</summary>
    public T Spend<T>(string what, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception exception) when (IsFull(exception) && File.Exists(Path))
        {
            Log.Warning("The data dir is full; {What} uses the reserve ({Reserve})", what, Path);
            TryDelete(Path);
            return write();
        }
    }

    /// <summary>SQLite's SQLITE_FULL, or ENOSPC/EDQUOT from a file write.</summary>
    public static bool IsFull(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 13 || (sqlite.SqliteErrorCode == 10 && sqlite.SqliteExtendedErrorCode is 13 or 3338 or 4874),
        IOException io => io.HResult is 28 or 122 || io.Message.Contains("No space left", StringComparison.Ordinal),
        _ => exception.InnerException is { } inner && IsFull(inner),
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // nothing more to free
        }
    }
}

namespace Kairos.Factory.Jobs;

/// <summary>Free space on the data dir's file system: a build that failed for want of it says so (tools word ENOSPC many ways).</summary>
public static class DataDirSpace
{
    public const long LowBytes = 64L << 20;

    /// <summary>A note for the failure message when the data dir is (nearly) full, else null.</summary>
    public static string? FullNote(string dataDir) =>
        Free(dataDir) is var (bytes, mount) && bytes < LowBytes
            ? $"No space left on device in the data dir ({bytes} bytes free on {mount})"
            : null;

    /// <summary>The free bytes of the file system holding <paramref name="dataDir"/> and where it is mounted; null when unknown.</summary>
    public static (long Bytes, string Mount)? Free(string dataDir)
    {
        var full = Path.GetFullPath(dataDir).TrimEnd('/') + "/";
        var drive = DriveInfo.GetDrives()
            .Where(candidate => full.StartsWith(candidate.RootDirectory.FullName.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(candidate => candidate.RootDirectory.FullName.Length);
        try
        {
            return drive is null ? null : (drive.AvailableFreeSpace, drive.RootDirectory.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

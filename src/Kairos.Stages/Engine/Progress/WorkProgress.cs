namespace Kairos.Stages.Engine.Progress;

/// <summary>
/// The work inside a step that a tool can count: <paramref name="Done"/> of <paramref name="Total"/>
/// <paramref name="Unit"/> (packages, files, bytes), at <paramref name="Phase"/> (downloaded, unpacked, set up …).
/// </summary>
public sealed record WorkProgress(string Phase, long Done, long? Total, string Unit)
{
    /// <summary>"41/83 packages unpacked", "12.0/80.5 MiB downloaded", "7 files downloaded".</summary>
    public override string ToString()
    {
        if (Unit == "bytes")
        {
            return Total is { } all ? $"{Mebibytes(Done)}/{Mebibytes(all)} MiB {Phase}" : $"{Mebibytes(Done)} MiB {Phase}";
        }

        return Total is { } total ? $"{Done}/{total} {Unit} {Phase}" : $"{Done} {Unit} {Phase}";
    }

    private static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

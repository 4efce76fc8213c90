namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Where the live boot tests keep each boot's serial console, for CI artifacts and the notes:
/// $KAIROS_STAGES_BOOT_LOGS (CI sets artifacts/boot-logs), else artifacts/boot-logs in the test output.
/// Kept on pass and on failure; the image's scratch directory is deleted after the run.
/// </summary>
internal static class BootLogs
{
    public static string Directory => Environment.GetEnvironmentVariable("KAIROS_STAGES_BOOT_LOGS") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "boot-logs");

    public static async Task<string> SaveAsync(string name, string serial, CancellationToken cancellation)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"serial-{name}.log");
        await File.WriteAllTextAsync(path, serial, cancellation);
        return path;
    }
}

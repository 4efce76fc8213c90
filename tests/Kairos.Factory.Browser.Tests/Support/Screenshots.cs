using Microsoft.Playwright;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>
/// Full-page PNGs of each page state, for CI artifacts: $KAIROS_FACTORY_SCREENSHOTS, else artifacts/screenshots in the
/// test output. The README's images are written only when $KAIROS_FACTORY_README_SCREENSHOTS names their directory
/// (build/readme-screenshots.sh sets it to docs/screenshots).
/// </summary>
public static class Screenshots
{
    public static string Directory => Environment.GetEnvironmentVariable("KAIROS_FACTORY_SCREENSHOTS") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>Where the README's images go, or null when this run does not make them.</summary>
    public static string? ReadmeDirectory => Environment.GetEnvironmentVariable("KAIROS_FACTORY_README_SCREENSHOTS") is { Length: > 0 } directory
        ? Path.GetFullPath(directory)
        : null;

    public static Task SaveAsync(IPage page, string name) => SaveToAsync(page, Directory, name);

    /// <summary>Saves <paramref name="name"/>.png for the README when this run makes its images; otherwise does nothing.</summary>
    public static Task SaveForReadmeAsync(IPage page, string name) => ReadmeDirectory is { } directory ? SaveToAsync(page, directory, name) : Task.CompletedTask;

    private static async Task SaveToAsync(IPage page, string directory, string name)
    {
        System.IO.Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}

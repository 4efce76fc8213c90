using Microsoft.Playwright;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>Full-page PNGs of each page state, for CI artifacts and the README: $KAIROS_FACTORY_SCREENSHOTS, else artifacts/screenshots in the test output.</summary>
public static class Screenshots
{
    public static string Directory => Environment.GetEnvironmentVariable("KAIROS_FACTORY_SCREENSHOTS") is { Length: > 0 } directory
        ? directory
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>Drives the New build form the way a user does: labels, clicks, a file chooser.</summary>
public static partial class BuildForm
{
    public static readonly LocatorAssertionsToHaveTextOptions BuildTimeout = new() { Timeout = 90_000 };

    /// <summary>A build from an uploaded fixture root with the test-only fixture builder; returns the new build's id, read from the page's address.</summary>
    public static async Task<string> SubmitFixtureBuildAsync(IPage page, FactoryBrowserFixture fixture, string name, string conf, string version = "1.0.0", bool fips = false)
    {
        var tarball = FixtureImage.Create(fixture.FixturesDir, name, conf);
        await page.GotoAsync(fixture.Url("/#/new"));
        await page.GetByLabel("Bring your own image").CheckAsync();
        await page.Locator("#upload").SetInputFilesAsync(tarball);
        await page.Locator("#version").FillAsync(version);
        if (fips)
        {
            await page.Locator("#fips").CheckAsync();
        }

        await page.Locator("input[name=output][value=iso]").UncheckAsync();
        await page.Locator("input[name=output][value=rootfs]").CheckAsync();
        await page.GetByText("Advanced").ClickAsync();
        await page.Locator("#builder").SelectOptionAsync("fixture");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start build" }).ClickAsync();
        return await BuildIdAsync(page);
    }

    /// <summary>Waits for the build page's address (#/builds/ID) and returns the id.</summary>
    public static async Task<string> BuildIdAsync(IPage page)
    {
        await page.WaitForURLAsync(BuildPage(), new() { Timeout = 30_000 });
        await Expect(page.Locator("#state")).ToBeVisibleAsync();
        return BuildPage().Match(page.Url).Groups[1].Value;
    }

    public static Task StateAsync(IPage page, string state) => Expect(page.Locator("#state")).ToHaveTextAsync(state, BuildTimeout);

    [GeneratedRegex("#/builds/([0-9a-f]{32})$")]
    private static partial Regex BuildPage();
}

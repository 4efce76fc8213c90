using Kairos.Factory.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>A phone-sized window: no sideways scrolling, every control still there.</summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class NarrowScreenTests(FactoryBrowserFixture fixture)
{
    [Theory]
    [InlineData("/#/new", "#submit")]
    [InlineData("/#/builds", "#build-count:not(:empty)")]
    public async Task Pages_fit_a_360_pixel_wide_screen(string path, string control)
    {
        await using var session = await fixture.NewPageAsync(width: 360, height: 740);
        var page = session.Page;
        await page.GotoAsync(fixture.Url(path));
        await Expect(page.Locator(control)).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 360 px screen");
        await Screenshots.SaveAsync(page, "10-narrow" + path.Replace("/#/", "-", StringComparison.Ordinal));
        session.AssertNoConsoleErrors();
    }
}

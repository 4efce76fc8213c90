using Kairos.Factory.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>The token is entered once per session; a missing or wrong one is said plainly.</summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class TokenTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task Missing_and_wrong_tokens_are_explained_and_the_right_one_is_kept_for_the_session()
    {
        await using var session = await fixture.NewPageAsync(withToken: false);
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        await Expect(page.Locator("#token-banner")).ToContainTextAsync("Enter the API token");

        // submitting without a token: the form says what is missing and sends nothing
        await page.Locator("#version").FillAsync("1.0.0");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Start build" }).ClickAsync();
        await Expect(page.Locator("#form-error")).ToContainTextAsync("Enter the API token at the top of the page first");

        await page.Locator("#token-input").FillAsync("kf_not-the-token");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#token-banner")).ToContainTextAsync("does not match this server's API token");
        await Screenshots.SaveAsync(page, "04-wrong-token");

        await page.Locator("#token-input").FillAsync(fixture.Server.Token);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#token-banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#token-status")).ToHaveTextAsync("Token saved for this session.");

        // kept across a reload (sessionStorage), never written to localStorage
        await page.ReloadAsync();
        await Expect(page.Locator("#token-status")).ToHaveTextAsync("Token saved for this session.");
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        session.AssertNoConsoleErrors("status of 401");
    }
}

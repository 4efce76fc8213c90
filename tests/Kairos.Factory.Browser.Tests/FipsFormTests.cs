using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Factory.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>The FIPS checkbox: offered where the server builds FIPS, disabled with the reason for an Ubuntu base, sent, shown on the build page, kept by a clone.</summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class FipsFormTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task Fips_is_refused_for_Ubuntu_bases_as_you_choose_and_a_fips_build_shows_and_clones_it()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        var fips = page.Locator("#fips");

        // the default preset is Ubuntu 24.04: no FIPS, and the hint says why
        await Expect(page.Locator("#preset")).ToHaveValueAsync("ubuntu:24.04");
        await Expect(fips).ToBeDisabledAsync();
        await Expect(page.Locator("#fips-hint")).ToContainTextAsync("Not for ubuntu:24.04: FIPS builds are not supported on Ubuntu");

        // Debian: offered; back to Ubuntu: unticked and disabled again
        await page.Locator("#preset").SelectOptionAsync("debian:12");
        await Expect(fips).ToBeEnabledAsync();
        await Expect(page.Locator("#fips-hint")).ToHaveTextAsync("FIPS builds of the Kairos binaries and dracut's fips module; the base brings its own FIPS crypto.");
        await fips.CheckAsync();
        await page.Locator("#preset").SelectOptionAsync("ubuntu:24.04");
        await Expect(fips).ToBeDisabledAsync();
        await Expect(fips).Not.ToBeCheckedAsync();

        // an own image is judged by its name as you type (registry and tag do not matter)
        await page.GetByLabel("Bring your own image").CheckAsync();
        await page.Locator("#image").FillAsync("registry.local:5000/library/ubuntu:22.04");
        await Expect(fips).ToBeDisabledAsync();
        await page.Locator("#image").FillAsync("localhost/debian:12");
        await Expect(fips).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "03b-new-build-fips");
        session.AssertNoConsoleErrors();

        // a FIPS build from an uploaded root: sent as fips, shown in the configuration, ticked again by "clone this build"
        var id = await BuildForm.SubmitFixtureBuildAsync(page, fixture, "fips", "lines=1\n", fips: true);
        await BuildForm.StateAsync(page, "succeeded");
        await Expect(page.Locator("#config dt", new() { HasText = "FIPS" }).Locator("xpath=following-sibling::dd[1]")).ToHaveTextAsync("yes");
        using var http = new HttpClient { DefaultRequestHeaders = { Authorization = new("Bearer", fixture.Server.Token) } };
        var build = await http.GetFromJsonAsync<JsonElement>(fixture.Url($"/api/v1/builds/{id}"), TestContext.Current.CancellationToken);
        Assert.True(build.GetProperty("fips").GetBoolean());
        var log = await http.GetStringAsync(fixture.Url($"/api/v1/builds/{id}/logs"), TestContext.Current.CancellationToken);
        // install carries no version (its line, and so its cached layer, is one per base); init carries it
        Assert.Contains("run --stage install --model generic --root", log);
        Assert.Contains("run --stage init --version v1.0.0 --model generic --root", log);
        Assert.Contains("--fips", log.Split('\n').Single(line => line.Contains("run --stage install", StringComparison.Ordinal) && line.Contains("[install] $ ", StringComparison.Ordinal)));

        await page.GetByRole(AriaRole.Link, new() { Name = "Clone this build" }).ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("clone of");
        await Expect(page.Locator("#fips")).ToBeCheckedAsync();
        await Expect(page.Locator("#fips")).ToBeEnabledAsync();
        session.AssertNoConsoleErrors();
    }
}

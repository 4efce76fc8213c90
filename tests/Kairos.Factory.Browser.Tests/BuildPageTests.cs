using System.Formats.Tar;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Kairos.Factory.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>
/// Builds through the real server, store and workers: podman for a preset, the test-only fixture builder on fixture roots
/// (real tar steps; Fixtures/fixture-kairos-stages.sh in place of kairos-stages) for fast failing, hanging and finishing builds.
/// </summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class BuildPageTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task A_preset_build_submitted_with_the_keyboard_opens_its_page_and_fails_at_the_base_step()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        await Expect(page.Locator("#version")).ToBeVisibleAsync();

        // keyboard only: Tab to the version field, type, Enter submits
        for (var i = 0; i < 40 && await page.EvaluateAsync<string>("document.activeElement.id") != "version"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("version", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("1.0.0");
        await page.Keyboard.PressAsync("Enter");
        var id = await BuildForm.BuildIdAsync(page);

        // the server's podman store is empty and it never pulls: the base step fails, and the page says so
        await BuildForm.StateAsync(page, "failed");
        await Expect(page.Locator("#failure")).ToContainTextAsync("Failed at step \"base\"");
        await Expect(page.Locator("#failure")).ToContainTextAsync("is not in the local image store");
        await Expect(page.Locator("#steps li[data-step=base]")).ToHaveClassAsync("failed");
        await Expect(page.Locator("#config")).ToContainTextAsync("ubuntu:24.04");
        await Expect(page.Locator("#cancel")).ToBeHiddenAsync();
        Assert.Equal("failed", (await GetBuildAsync(id)).GetProperty("status").GetString());
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_failing_build_shows_the_failing_step_and_its_last_lines_on_its_page_and_in_the_list()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        var id = await BuildForm.SubmitFixtureBuildAsync(page, fixture, "fails-at-install", "lines=4\nfail_at=install\n");
        await BuildForm.StateAsync(page, "failed");
        await Expect(page.Locator("#failure")).ToContainTextAsync("Failed at step \"install\"");
        await Expect(page.Locator("#failure pre")).ToContainTextAsync("E: Unable to locate package kairos-fixture-missing");
        await Expect(page.Locator("#steps li[data-step=install]")).ToHaveClassAsync("failed");
        await Expect(page.Locator("#steps li[data-step=base]")).ToHaveClassAsync("done");
        await Expect(page.Locator("#steps li[data-step=init]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#downloads")).ToContainTextAsync("This build made no files.");
        await Screenshots.SaveAsync(page, "05-failed-build");

        await page.GotoAsync(fixture.Url("/#/builds?status=failed"));
        // the filter offers the server's statuses (GET /config), interrupted among them, not a list of the page's own
        await Expect(page.Locator("#status-filter option")).ToHaveTextAsync(["all", "queued", "running", "succeeded", "failed", "cancelled", "interrupted"]);
        await Expect(page.Locator("#status-filter")).ToHaveValueAsync("failed");
        var card = page.Locator($"li[data-id='{id}']");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("failed");
        await Expect(card).ToContainTextAsync("Failed at step install");
        await Expect(card.Locator("pre.tail")).ToContainTextAsync("E: Unable to locate package kairos-fixture-missing", new() { Timeout = 15_000 });
        await Expect(page.Locator("li.build-card[data-state=succeeded]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "06-builds-failed-filter");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Cancel_stops_a_running_build_and_the_open_builds_list_follows_without_a_reload()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        var id = await BuildForm.SubmitFixtureBuildAsync(page, fixture, "hangs-at-init", "lines=2\nhang_at=init\n");
        await Expect(page.Locator("#build-status")).ToContainTextAsync("step init", BuildTimeout);
        await Expect(page.Locator("#steps li[data-step=init]")).ToHaveClassAsync("running");

        // a second tab on the builds list: it shows the running step and changes state by itself
        var list = await session.Context.NewPageAsync();
        await list.GotoAsync(fixture.Url("/#/builds"));
        var card = list.Locator($"li[data-id='{id}']");
        await Expect(card.Locator(".step")).ToContainTextAsync("Running: init", new() { Timeout = 15_000 });
        var navigations = 0;
        list.FrameNavigated += (_, _) => navigations++;
        await Screenshots.SaveAsync(list, "07-builds-running");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel build" }).ClickAsync();
        await BuildForm.StateAsync(page, "cancelled");
        await Expect(page.Locator("#cancel")).ToBeHiddenAsync();
        await Expect(card.Locator(".badge")).ToHaveTextAsync("cancelled", new() { Timeout = 15_000 });
        Assert.Equal(0, navigations);
        Assert.Equal("cancelled", (await GetBuildAsync(id)).GetProperty("status").GetString());
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Reloading_during_a_build_replays_the_log_from_the_start_and_another_browser_sees_the_same_log()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await BuildForm.SubmitFixtureBuildAsync(page, fixture, "slow", "lines=6\ndelay=0.4\n");
        await Expect(page.Locator("#log")).ToContainTextAsync("fixture install line 3 of 6", BuildTimeout);
        await Expect(page.Locator("#state")).ToHaveTextAsync("running");
        await Screenshots.SaveAsync(page, "08-running-build-log");

        await page.ReloadAsync();
        await Expect(page.Locator("#log")).ToContainTextAsync("fixture install line 1 of 6");
        await Expect(page.Locator("#state")).ToHaveTextAsync("running");

        await using var other = await PageSession.OpenAsync(fixture.Browser, fixture.Server.Token, 1000, 800); // reading needs the token too
        await other.Page.GotoAsync(page.Url);
        await BuildForm.StateAsync(page, "succeeded");
        await BuildForm.StateAsync(other.Page, "succeeded");
        foreach (var log in new[] { page.Locator("#log"), other.Page.Locator("#log") })
        {
            var text = await log.TextContentAsync() ?? "";
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "fixture install line 1 of 6"));
            Assert.Contains("fixture validate line 6 of 6", text, StringComparison.Ordinal);
            Assert.Contains("[end] succeeded", text, StringComparison.Ordinal);
        }

        Assert.Equal(await page.Locator("#log").TextContentAsync(), await other.Page.Locator("#log").TextContentAsync());
        foreach (var step in new[] { "base", "install", "init", "validate" })
        {
            await Expect(page.Locator($"#steps li[data-step={step}] .duration")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+s$"));
        }

        session.AssertNoConsoleErrors();
        other.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_finished_build_offers_its_files_with_friendly_names_sizes_sha256_and_retention_and_can_be_cloned()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        var id = await BuildForm.SubmitFixtureBuildAsync(page, fixture, "succeeds", "lines=2\n", version: "2.4.6");
        await BuildForm.StateAsync(page, "succeeded");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Root filesystem tarball", Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Root filesystem tarball checksum" })).ToBeVisibleAsync();
        await Expect(page.Locator("#retention")).ToContainTextAsync("Kept until");
        await Screenshots.SaveAsync(page, "09-finished-build-downloads");

        var listed = (await GetJsonAsync($"/api/v1/builds/{id}/artifacts")).EnumerateArray().Single(artifact => artifact.GetProperty("name").GetString()!.EndsWith(".rootfs.tar", StringComparison.Ordinal));
        var row = page.Locator("table.downloads tr", new() { Has = link });
        await Expect(row).ToContainTextAsync(listed.GetProperty("sha256").GetString()!);
        await Expect(row).ToContainTextAsync(listed.GetProperty("name").GetString()!);

        // the link is the list's short-lived signed one: the page puts no token in a URL (history, the DOM, Referer)
        var href = await link.GetAttributeAsync("href") ?? "";
        Assert.Matches(@"\?expires=\d+&signature=[A-Za-z0-9_-]{43}$", href);
        Assert.DoesNotContain(fixture.Server.Token, await page.ContentAsync(), StringComparison.Ordinal);

        // the browser downloads the real tar the fixture builder made from the unpacked fixture root
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(listed.GetProperty("name").GetString(), download.SuggestedFilename);
        var saved = Path.Combine(fixture.FixturesDir, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Equal(listed.GetProperty("size").GetInt64(), new FileInfo(saved).Length);
        await using (var file = File.OpenRead(saved))
        {
            Assert.Equal(listed.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken)));
        }

        Assert.Contains("./fixture.conf", TarNames(saved));
        var checksum = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Root filesystem tarball checksum" }).ClickAsync());
        await checksum.SaveAsAsync(saved + ".sha256");
        Assert.Equal($"{listed.GetProperty("sha256").GetString()}  {download.SuggestedFilename}\n", await File.ReadAllTextAsync(saved + ".sha256", TestContext.Current.CancellationToken));

        await page.GetByRole(AriaRole.Link, new() { Name = "Clone this build" }).ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("clone of");
        await Expect(page.Locator("#version")).ToHaveValueAsync("v2.4.6"); // as the server stored it
        await Expect(page.Locator("#clone-notice")).ToContainTextAsync("choose that file again");
        await Expect(page.GetByLabel("Bring your own image")).ToBeCheckedAsync();
        await Expect(page.Locator("#builder")).ToHaveValueAsync("fixture");
        await Expect(page.Locator("input[name=output][value=rootfs]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=output][value=iso]")).Not.ToBeCheckedAsync();
        session.AssertNoConsoleErrors();
    }

    private static readonly LocatorAssertionsToContainTextOptions BuildTimeout = new() { Timeout = 90_000 };

    private static List<string> TarNames(string path)
    {
        using var reader = new TarReader(File.OpenRead(path));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private Task<JsonElement> GetBuildAsync(string id) => GetJsonAsync($"/api/v1/builds/{id}");

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var http = new HttpClient { DefaultRequestHeaders = { Authorization = new("Bearer", fixture.Server.Token) } };
        return await http.GetFromJsonAsync<JsonElement>(fixture.Url(path), TestContext.Current.CancellationToken);
    }
}

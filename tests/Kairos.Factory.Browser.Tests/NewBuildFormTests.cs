using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Factory.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>The New build form: fields shown only when they apply, models by architecture, live checks, nothing sent while wrong.</summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class NewBuildFormTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task Conditional_fields_follow_the_choices_and_the_pinned_Kubernetes_default_is_shown()
    {
        using var http = new HttpClient();
        var config = await http.GetFromJsonAsync<JsonElement>(fixture.Url("/api/v1/config"), TestContext.Current.CancellationToken);
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        await Expect(page.Locator("#preset")).ToBeVisibleAsync();
        foreach (var preset in new[] { "Ubuntu 24.04", "Debian 12", "Fedora", "Rocky Linux 9", "openSUSE Leap 15.6", "Alpine 3.21" })
        {
            await Expect(page.Locator("#preset option", new() { HasText = preset })).ToHaveCountAsync(1);
        }

        await Expect(page.Locator("#kubernetes")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "01-new-build");

        // bring your own image hides the presets
        await page.GetByLabel("Bring your own image").CheckAsync();
        await Expect(page.Locator("#preset")).ToBeHiddenAsync();
        await Expect(page.Locator("#image")).ToBeVisibleAsync();
        await page.GetByLabel("A preset").CheckAsync();
        await Expect(page.Locator("#preset")).ToBeVisibleAsync();
        await Expect(page.Locator("#image")).ToBeHiddenAsync();

        // models follow the architecture; a board model falls back to generic on amd64
        Assert.DoesNotContain("rpi4", await page.Locator("#model option").AllTextContentsAsync());
        await page.GetByLabel("arm64").CheckAsync();
        Assert.Contains("rpi4", await page.Locator("#model option").AllTextContentsAsync());
        await page.Locator("#model").SelectOptionAsync("rpi4");
        await page.GetByLabel("amd64").CheckAsync();
        await Expect(page.Locator("#model")).ToHaveValueAsync("generic");
        await Expect(page.Locator("#model-error")).ToContainTextAsync("rpi4 is not built for amd64: switched to generic");

        // Kubernetes fields only for standard, with the pinned default spelled out
        await page.GetByLabel("Standard (with Kubernetes)").CheckAsync();
        await Expect(page.Locator("#kubernetes")).ToBeVisibleAsync();
        var pins = config.GetProperty("kubernetes_versions");
        await Expect(page.Locator("#k8s-version-hint")).ToHaveTextAsync($"Empty: the pinned default, k3s {pins.GetProperty("k3s").GetString()}.");
        await page.Locator("#k8s-distribution").SelectOptionAsync("k0s");
        await Expect(page.Locator("#k8s-version-hint")).ToHaveTextAsync($"Empty: the pinned default, k0s {pins.GetProperty("k0s").GetString()}.");
        await Screenshots.SaveAsync(page, "02-new-build-standard");

        // the Kubernetes version in its provider's tag shape, the server's rule: a bare or another provider's version is refused as typed
        var k8sVersion = page.Locator("#k8s-version");
        await k8sVersion.FillAsync("v1.32.1+k3s1");
        await Expect(page.Locator("#k8s-version-error")).ToContainTextAsync("is not a k0s release");
        await page.Locator("#k8s-distribution").SelectOptionAsync("k3s");
        await Expect(page.Locator("#k8s-version-error")).ToHaveTextAsync("");
        await k8sVersion.FillAsync("1.32.1");
        await Expect(page.Locator("#k8s-version-error")).ToContainTextAsync("\"1.32.1\" is not a k3s release (e.g. v1.32.1+k3s1");
        await Expect(k8sVersion).ToHaveAttributeAsync("aria-invalid", "true");
        await k8sVersion.FillAsync("");
        await Expect(page.Locator("#k8s-version-error")).ToHaveTextAsync("");
        await page.GetByLabel("Core (no Kubernetes)").CheckAsync();
        await Expect(page.Locator("#kubernetes")).ToBeHiddenAsync();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Version_and_cloud_config_are_checked_as_you_type_and_a_wrong_form_is_not_sent()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        var version = page.Locator("#version");
        await version.FillAsync("1.2.3.4");
        await Expect(page.Locator("#version-error")).ToContainTextAsync("\"1.2.3.4\" is not a semantic version");
        await Expect(version).ToHaveAttributeAsync("aria-invalid", "true");
        await version.FillAsync("v1.2.3-rc1");
        await Expect(page.Locator("#version-error")).ToHaveTextAsync("");
        await Expect(version).ToHaveAttributeAsync("aria-invalid", "false");

        // 1.0 is v1.0.0 to the server and the engine (Semver, minor and patch optional): the page takes it too
        await version.FillAsync("1.0");
        await Expect(version).ToHaveAttributeAsync("aria-invalid", "false");
        await Expect(page.Locator("#version-error")).ToHaveTextAsync("");

        var cloudConfig = page.Locator("#cloud-config");
        await cloudConfig.FillAsync("#cloud-config\nusers:\n  - name: kairos\n  bad: [");
        await Expect(page.Locator("#cloud-config-error")).ToContainTextAsync("Line 4:1: All mapping items must start at the same column");
        await cloudConfig.FillAsync("users:\n  - name: kairos\n");
        await Expect(page.Locator("#cloud-config-error")).ToContainTextAsync("Line 1:1: must start with the line \"#cloud-config\"");
        await cloudConfig.FillAsync("#cloud-config\n- just\n- a list\n");
        await Expect(page.Locator("#cloud-config-error")).ToContainTextAsync("must be a YAML mapping");
        await cloudConfig.FillAsync("#cloud-config\nusers:\n  - name: kairos\n    passwd: kairos\n");
        await Expect(page.Locator("#cloud-config-error")).ToHaveTextAsync("");

        // no output chosen, an empty version and a bad own image: submit stays on the form and sends nothing
        await version.FillAsync("");
        await page.GetByLabel("Bring your own image").CheckAsync();
        await page.Locator("#image").FillAsync("bad image;rm -rf /");
        foreach (var output in await page.Locator("input[name=output]").AllAsync())
        {
            await output.UncheckAsync();
        }

        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Start build" }).ClickAsync();
        await Expect(page.Locator("#outputs-error")).ToHaveTextAsync("Choose at least one output.");
        await Expect(page.Locator("#version-error")).ToContainTextAsync("Required");
        await Expect(page.Locator("#image-error")).ToContainTextAsync("is not an image reference");
        await Expect(page.Locator("#image")).ToBeFocusedAsync(); // the first wrong field, in page order
        await Screenshots.SaveAsync(page, "03-new-build-errors");
        Assert.EndsWith("#/new", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, posts);
        session.AssertNoConsoleErrors();
    }
}

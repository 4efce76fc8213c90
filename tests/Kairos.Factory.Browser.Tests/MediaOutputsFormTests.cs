using System.Text.Json;
using Kairos.Factory.Browser.Tests.Support;
using Kairos.Stages.Media.Uki;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>
/// The outputs of issues 27 and 28 on the New build form: grouped as AuroraBoot's (install media, disk images,
/// archives); Trusted Boot offered only by a server with keys (serve --uki-keys), and when ticked it offers the UKI
/// media and the ISO as the signed one, and takes the disks and netboot away. The request sent is captured
/// in the browser (answered with the server's kind of 400, whose field the page shows), so no build runs.
/// </summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class MediaOutputsFormTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task Disk_and_netboot_outputs_are_grouped_and_sent_and_Trusted_Boot_is_off_on_a_server_without_keys()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));

        await Expect(page.Locator("#outputs h3")).ToHaveTextAsync(["Install media", "Disk images", "Archives"]);
        await Expect(page.Locator("#trusted-boot")).ToBeDisabledAsync();
        await Expect(page.Locator("#trusted-boot-hint")).ToContainTextAsync("This server has no Secure Boot keys (its operator starts it with kairos-factory serve --uki-keys DIR)");
        await Expect(Output(page, "uki")).ToBeDisabledAsync();
        await Expect(Output(page, "uki-container")).ToBeDisabledAsync();
        await Output(page, "raw_efi").CheckAsync();
        await Output(page, "netboot").CheckAsync();
        await page.GetByLabel("Raw disk, BIOS").CheckAsync();
        await Screenshots.SaveAsync(page, "03c-new-build-disk-outputs");

        var sent = await SubmitCapturedAsync(page, "artifacts.raw_bios", "made up by the test");

        var artifacts = sent.GetProperty("artifacts");
        Assert.False(sent.GetProperty("trusted_boot").GetBoolean());
        foreach (var (name, wanted) in new[] { ("iso", true), ("raw_efi", true), ("raw_bios", true), ("netboot", true), ("vhd", false), ("gce", false), ("maas", false), ("uki", false), ("uki-container", false), ("oci", false), ("rootfs", false) })
        {
            Assert.Equal(wanted, artifacts.GetProperty(name).GetBoolean());
        }

        // the server's answer names a field the form has no place for: shown with its name
        await Expect(page.Locator("#form-error")).ToHaveTextAsync("artifacts.raw_bios: made up by the test");
        session.AssertNoConsoleErrors("400");
    }

    [Fact]
    public async Task A_Raspberry_Pi_model_offers_the_Pi_disk_and_the_archives_only_as_the_config_rule_says()
    {
        await using var session = await fixture.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(fixture.Url("/#/new"));
        await Expect(Output(page, "iso")).ToBeCheckedAsync();

        // arm64 and rpi4: the ISO (ticked by default) is unticked, every output a Pi does not boot disabled
        await page.Locator("input[name=architecture][value=arm64]").CheckAsync();
        await page.Locator("#model").SelectOptionAsync("rpi4");
        foreach (var name in new[] { "iso", "netboot", "raw_bios", "vhd", "gce", "maas", "uki", "uki-container" })
        {
            await Expect(Output(page, name)).ToBeDisabledAsync();
            await Expect(Output(page, name)).Not.ToBeCheckedAsync();
        }

        await Expect(page.Locator("#outputs-error")).ToHaveTextAsync("Choose at least one output.");
        await Output(page, "raw_efi").CheckAsync();
        await Expect(Output(page, "oci")).ToBeEnabledAsync();
        await Expect(Output(page, "rootfs")).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "03e-new-build-rpi4-outputs");
        var sent = await SubmitCapturedAsync(page, "model", "made up by the test");
        Assert.Equal("rpi4", sent.GetProperty("model").GetString());
        Assert.Equal(["raw_efi"], sent.GetProperty("artifacts").EnumerateObject().Where(p => p.Value.GetBoolean()).Select(p => p.Name));

        // back to generic: the PC outputs come back (unticked)
        await page.Locator("#model").SelectOptionAsync("generic");
        await Expect(Output(page, "iso")).ToBeEnabledAsync();
        await Expect(Output(page, "raw_bios")).ToBeEnabledAsync();
        session.AssertNoConsoleErrors("400");
    }

    [Fact]
    public async Task With_the_servers_keys_Trusted_Boot_offers_the_signed_ISO_and_UKIs_instead_of_disks()
    {
        var keys = Directory.CreateTempSubdirectory("kairos-factory-keys-").FullName;
        await SecureBootKeys.GenerateAsync("browser test", Path.Combine(keys, "set"), 30, null, _ => { }, TestContext.Current.CancellationToken);
        await using var server = await FactoryServer.StartAsync(FixtureImage.Script, builder: "podman", arguments: ["--uki-keys", Path.Combine(keys, "set")]);
        try
        {
            await using var session = await PageSession.OpenAsync(fixture.Browser, server.Token, 1280, 900);
            var page = session.Page;
            await page.GotoAsync(server.BaseUrl + "/#/new");
            var trusted = page.Locator("#trusted-boot");
            await Expect(trusted).ToBeEnabledAsync();
            await Expect(page.Locator("#trusted-boot-hint")).ToContainTextAsync("UEFI only, the keys are enrolled on first boot");
            await Expect(Output(page, "uki")).ToBeDisabledAsync();
            await Output(page, "raw_efi").CheckAsync();

            await trusted.CheckAsync();
            await Expect(Output(page, "raw_efi")).Not.ToBeCheckedAsync();
            await Expect(Output(page, "raw_efi")).ToBeDisabledAsync();
            await Expect(Output(page, "netboot")).ToBeDisabledAsync();
            await Expect(page.Locator("#output-iso")).ToContainTextAsync("Trusted Boot ISO (signed UKIs; UEFI only; Secure Boot keys enrolled on first boot)");
            await Output(page, "uki").CheckAsync();
            await Screenshots.SaveAsync(page, "03d-new-build-trusted-boot");

            var sent = await SubmitCapturedAsync(page, "trusted_boot", "made up by the test");
            Assert.True(sent.GetProperty("trusted_boot").GetBoolean());
            Assert.True(sent.GetProperty("artifacts").GetProperty("iso").GetBoolean());
            Assert.True(sent.GetProperty("artifacts").GetProperty("uki").GetBoolean());
            Assert.False(sent.GetProperty("artifacts").GetProperty("raw_efi").GetBoolean());
            await Expect(page.Locator("#trusted-boot-error")).ToHaveTextAsync("made up by the test");

            // unticked: the disks come back, the UKIs go
            await trusted.UncheckAsync();
            await Expect(Output(page, "raw_efi")).ToBeEnabledAsync();
            await Expect(Output(page, "uki")).ToBeDisabledAsync();
            await Expect(Output(page, "uki")).Not.ToBeCheckedAsync();
            await Expect(page.Locator("#output-iso")).ToContainTextAsync("ISO image (installer / live)");
            session.AssertNoConsoleErrors("400");
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    private static ILocator Output(IPage page, string name) => page.Locator($"input[name=output][value=\"{name}\"]");

    /// <summary>Submits the form, keeps the POST body in the browser and answers it with a 400 naming <paramref name="field"/>.</summary>
    private static async Task<JsonElement> SubmitCapturedAsync(IPage page, string field, string message)
    {
        string? body = null;
        await page.RouteAsync("**/api/v1/builds", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            body = route.Request.PostData;
            await route.FulfillAsync(new()
            {
                Status = 400,
                ContentType = "application/problem+json",
                Body = JsonSerializer.Serialize(new { title = "The build request is invalid", status = 400, errors = new Dictionary<string, string[]> { [field] = [message] } }),
            });
        });
        await page.Locator("#version").FillAsync("1.0.0");
        await page.Locator("#submit").ClickAsync();
        await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        Assert.NotNull(body);
        return JsonDocument.Parse(body!).RootElement;
    }
}

using System.Formats.Tar;
using System.Security.Cryptography;
using Kairos.Factory.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>
/// The whole way through, with nothing standing in for the pipeline: a real Debian 12 root uploaded from the form,
/// the published kairos-stages (install, init, validate) on the chroot builder, followed live on the build page,
/// then the artifact downloaded by the browser and checked. Asks for the ISO when kairos-stages has build-iso.
/// </summary>
[Collection(FactoryBrowserGroup.Name)]
public sealed class DebianBuildTests(FactoryBrowserFixture fixture)
{
    [Fact]
    public async Task A_Debian_12_build_goes_from_the_form_to_a_downloaded_artifact()
    {
        if (DebianBase.Unavailable() is { } reason)
        {
            Assert.Skip(reason);
        }

        var work = Directory.CreateTempSubdirectory("kf-debian-build-").FullName;
        try
        {
            var rootTarball = DebianBase.CreateRootTarball(work);
            var artifacts = DebianBase.CreateStandInArtifacts(work);
            var iso = DebianBase.HasBuildIso();
            await using var server = await FactoryProcess.StartAsync(DebianBase.Binary!, builder: "chroot", workers: 1, ["--artifacts-dir", artifacts]);
            await using var session = await PageSession.OpenAsync(fixture.Browser, server.Token, 1280, 900);
            var page = session.Page;

            await page.GotoAsync(server.BaseUrl + "/#/new");
            await page.GetByLabel("Bring your own image").CheckAsync();
            await page.Locator("#upload").SetInputFilesAsync(rootTarball);
            await page.Locator("#version").FillAsync("1.0.0");
            await page.Locator("#cloud-config").FillAsync("#cloud-config\nusers:\n  - name: admin\n    passwd: Factory-Test-Pw1\n");
            await page.Locator("input[name=output][value=iso]").SetCheckedAsync(iso);
            await page.Locator("input[name=output][value=rootfs]").SetCheckedAsync(!iso);
            await page.GetByText("Advanced").ClickAsync();
            await page.Locator("#builder").SelectOptionAsync("chroot");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start build" }).ClickAsync();
            await BuildForm.BuildIdAsync(page);

            await Expect(page.Locator("#log")).ToContainTextAsync("[install]", new() { Timeout = 120_000 });
            await Screenshots.SaveAsync(page, "11-debian-build-running");
            await Expect(page.Locator("#state")).ToHaveTextAsync("succeeded", new() { Timeout = 40 * 60_000 });
            await Screenshots.SaveAsync(page, "12-debian-build-succeeded");

            var description = iso ? "ISO image" : "Root filesystem tarball";
            var link = page.GetByRole(AriaRole.Link, new() { Name = description, Exact = true });
            var row = page.Locator("table.downloads tr", new() { Has = link });
            var shownSha256 = (await row.Locator("code").TextContentAsync())!;
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync(), new() { Timeout = 300_000 });
            var saved = Path.Combine(work, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            await using (var file = File.OpenRead(saved))
            {
                Assert.Equal(shownSha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken)));
            }

            if (iso)
            {
                // ISO 9660: "CD001" at byte 32769
                await using var file = File.OpenRead(saved);
                file.Seek(32769, SeekOrigin.Begin);
                var magic = new byte[5];
                await file.ReadExactlyAsync(magic, TestContext.Current.CancellationToken);
                Assert.Equal("CD001"u8.ToArray(), magic);
            }
            else
            {
                Assert.Matches("(?m)^KAIROS_VERSION=\"?v1\\.0\\.0\"?$", KairosRelease(saved));
            }

            session.AssertNoConsoleErrors();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string KairosRelease(string rootTarball)
    {
        using var reader = new TarReader(File.OpenRead(rootTarball));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name is "./etc/kairos-release" or "etc/kairos-release" && entry.DataStream is { } data)
            {
                return new StreamReader(data).ReadToEnd();
            }
        }

        return "";
    }
}

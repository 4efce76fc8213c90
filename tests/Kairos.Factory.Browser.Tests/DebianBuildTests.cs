using System.Security.Cryptography;
using Kairos.Factory.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kairos.Factory.Browser.Tests;

/// <summary>
/// The whole way through, with nothing standing in for the pipeline: a real Debian 12 root uploaded from the form,
/// the published kairos-stages (install, init, validate) on the podman builder (the upload imported with podman import,
/// built in the server's shared store), followed live on the build page,
/// then the ISO downloaded by the browser and checked (its sha256 as shown, its ISO 9660 magic).
/// With $KAIROS_FACTORY_README_SCREENSHOTS set (build/readme-screenshots.sh) it also makes the README's three images;
/// the server then keeps its data, the binary and the artifacts under <see cref="ReadmeLayout"/>, so the log in them
/// shows the paths of a plain install and none of the machine that made them (checked over the whole log).
/// </summary>
[Collection(FactoryBrowserGroup.Name)]
[Slow(SlowKind.Browser)]
public sealed class DebianBuildTests(FactoryBrowserFixture fixture)
{
    private const string ToolsBase = "localhost/kairos-factory-test/tools-base:12";

    [Fact]
    public async Task A_Debian_12_build_goes_from_the_form_to_a_downloaded_artifact()
    {
        if (DebianBase.Unavailable() is { } reason)
        {
            Assert.Skip(reason);
        }

        var readme = Screenshots.ReadmeDirectory is not null;
        Assert.False(readme && Directory.Exists(ReadmeLayout), $"{ReadmeLayout} exists: the README's build makes it and removes it afterwards; move it away first");
        var work = Directory.CreateTempSubdirectory("kf-debian-build-").FullName;
        try
        {
            var rootTarball = DebianBase.CreateRootTarball(work);
            var (binary, artifacts, scratch) = readme ? ReadmeLayoutOf(DebianBase.Binary!) : (DebianBase.Binary!, DebianBase.CreateStandInArtifacts(work), Path.Combine(work, "server"));
            // the ISO is made in the engine from the tools image, built on the server's first media build from a Debian 12
            // base in the podman store the server reads (never pulled): the same debootstrap root, imported there
            var podmanRoot = Path.Combine(scratch!, "podman");
            Programs.Run("podman", "--root", podmanRoot, "--runroot", podmanRoot + "-run", "--storage-driver", "overlay", "import", rootTarball, ToolsBase);
            await using var server = await FactoryServer.StartAsync(binary, builder: "podman", workers: 1, ["--artifacts-dir", artifacts, "--tools-base", ToolsBase], scratch);
            await using var session = await PageSession.OpenAsync(fixture.Browser, server.Token, 1280, 900);
            var page = session.Page;

            await page.GotoAsync(server.BaseUrl + "/#/new");
            await page.GetByLabel("Bring your own image").CheckAsync();
            await page.Locator("#upload").SetInputFilesAsync(rootTarball);
            await page.Locator("#version").FillAsync("1.0.0");
            await page.Locator("#cloud-config").FillAsync("#cloud-config\nusers:\n  - name: admin\n    passwd: Factory-Test-Pw1\n");
            await page.Locator("input[name=output][value=iso]").SetCheckedAsync(true);
            await page.Locator("input[name=output][value=rootfs]").SetCheckedAsync(false);
            await page.GetByText("Advanced").ClickAsync();
            await page.Locator("#builder").SelectOptionAsync("podman");
            await Screenshots.SaveForReadmeAsync(page, "new-build");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start build" }).ClickAsync();
            var id = await BuildForm.BuildIdAsync(page);

            await Expect(page.Locator("#log")).ToContainTextAsync("[install]", new() { Timeout = 120_000 });
            await Screenshots.SaveAsync(page, "11-debian-build-running");
            if (readme)
            {
                // a few steps into the install stage, so the picture shows the engine at work
                await Expect(page.Locator("#log")).ToContainTextAsync("installPackages: Install base packages", new() { Timeout = 10 * 60_000 });
                await Screenshots.SaveForReadmeAsync(page, "running-build");
            }

            await Expect(page.Locator("#state")).ToHaveTextAsync("succeeded", new() { Timeout = 40 * 60_000 });
            await Screenshots.SaveAsync(page, "12-debian-build-succeeded");

            var link = page.GetByRole(AriaRole.Link, new() { Name = "ISO image", Exact = true });
            var row = page.Locator("table.downloads tr", new() { Has = link });
            var shownSha256 = (await row.Locator("code").TextContentAsync())!;
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync(), new() { Timeout = 300_000 });
            var saved = Path.Combine(work, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            await using (var file = File.OpenRead(saved))
            {
                Assert.Equal(shownSha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken)));
            }

            // ISO 9660: "CD001" at byte 32769
            await using (var file = File.OpenRead(saved))
            {
                file.Seek(32769, SeekOrigin.Begin);
                var magic = new byte[5];
                await file.ReadExactlyAsync(magic, TestContext.Current.CancellationToken);
                Assert.Equal("CD001"u8.ToArray(), magic);
            }

            if (readme)
            {
                await Screenshots.SaveForReadmeAsync(page, "finished-build");
                using var http = new HttpClient { DefaultRequestHeaders = { Authorization = new("Bearer", server.Token) } };
                var log = await http.GetStringAsync(new Uri($"{server.BaseUrl}/api/v1/builds/{id}/logs"), TestContext.Current.CancellationToken);
                // the engine ran the binary the Containerfile copied into the image; no path of this machine shows (the
                // test's work dir, the published binary's dir); paths inside the images, such as the tools image's /tmp, may
                Assert.Contains("] $ podman ", log);
                Assert.Contains("""RUN ["/kairos-stages/kairos-stages","run","--stage","install",""", log);
                foreach (var machinePath in new[] { work, Path.GetDirectoryName(DebianBase.Binary)! })
                {
                    Assert.DoesNotContain(machinePath, log);
                }
            }

            session.AssertNoConsoleErrors();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            if (readme && Directory.Exists(ReadmeLayout))
            {
                Directory.Delete(ReadmeLayout, recursive: true);
            }

        }
    }

    /// <summary>Where the README's build keeps the server's data, the kairos-stages it runs and the artifacts: a plain install's place.</summary>
    public const string ReadmeLayout = "/srv/kairos-factory";

    /// <summary>The binary (a copy) and stand-in artifacts under <see cref="ReadmeLayout"/>, which did not exist (the test removes it).</summary>
    private static (string Binary, string Artifacts, string Scratch) ReadmeLayoutOf(string binary)
    {
        Directory.CreateDirectory(ReadmeLayout);
        var copy = Path.Combine(ReadmeLayout, "kairos-stages");
        File.Copy(binary, copy);
        return (copy, DebianBase.CreateStandInArtifacts(ReadmeLayout), ReadmeLayout);
    }
}

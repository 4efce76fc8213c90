using Microsoft.Playwright;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>
/// One real Factory server (the test fixture program: podman by default, the test-only fixture builder with the fixture kairos-stages for uploaded fixture roots) and one headless
/// Debian chromium, shared by the browser tests; each test gets its own browser context.
/// </summary>
public sealed class FactoryBrowserFixture : IAsyncLifetime
{
    public const string TokenKey = "kairos-factory-token";

    private IPlaywright? _playwright;

    public FactoryServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the fixture root tarballs are written.</summary>
    public string FixturesDir { get; } = Directory.CreateTempSubdirectory("kairos-factory-fixtures-").FullName;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("KAIROS_FACTORY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        Server = await FactoryServer.StartAsync(FixtureImage.Script, builder: "podman");
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });

    public string Url(string path) => Server.BaseUrl + path;

    /// <summary>A fresh context (its own sessionStorage), with the API token already entered unless <paramref name="withToken"/> is false.</summary>
    public async Task<PageSession> NewPageAsync(bool withToken = true, int width = 1280, int height = 900) =>
        await PageSession.OpenAsync(Browser, withToken ? Server.Token : null, width, height);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Directory.Delete(FixturesDir, recursive: true);
    }
}

using Microsoft.Playwright;

namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>A browser context and its page, collecting console errors and uncaught exceptions for <see cref="AssertNoConsoleErrors"/>.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<PageSession> OpenAsync(IBrowser browser, string? token, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        if (token is not null)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('{FactoryBrowserFixture.TokenKey}', {System.Text.Json.JsonSerializer.Serialize(token)});");
        }

        return new PageSession(context, await context.NewPageAsync());
    }

    /// <summary>Fails on any console error or uncaught exception, except the ones a test provoked on purpose (e.g. a 401 for a wrong token).</summary>
    public void AssertNoConsoleErrors(params string[] expected)
    {
        List<string> unexpected;
        lock (_errors)
        {
            unexpected = [.. _errors.Where(error => !expected.Any(error.Contains))];
        }

        Assert.True(unexpected.Count == 0, "console errors:\n" + string.Join('\n', unexpected));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

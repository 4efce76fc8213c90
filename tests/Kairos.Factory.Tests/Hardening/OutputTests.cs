using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, items 11, 15 and 16: what the server shows: the token never in a non-terminal's output, no terminal
/// escape sequences in logs or streams, and security headers (a CSP without inline script) on the page.
/// </summary>
public sealed class OutputTests
{
    [Fact]
    public async Task The_first_start_names_the_token_file_and_does_not_print_the_token_where_output_is_not_a_terminal()
    {
        using var dataDirRoot = new TempRoot("kf-print-");
        var dataDir = dataDirRoot.Path;
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags());
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var token = File.ReadAllText(Path.Combine(dataDir, "secrets", "api-token")).Trim();

        Assert.DoesNotContain(token, server.Output, StringComparison.Ordinal);
        Assert.Contains($"API token created in {Path.Combine(dataDir, "secrets", "api-token")}", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminal_escape_sequences_in_build_output_never_reach_the_log_or_its_stream()
    {
        using var dataDirRoot = new TempRoot("kf-ansi-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-ansi.sh"));
        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()));
        await server.WaitForAsync(id, "succeeded");

        var stream = await server.Client.GetStringAsync($"/api/v1/builds/{id}/logs");
        var file = await File.ReadAllTextAsync(Path.Combine(dataDir, "jobs", id, "build.log"));

        foreach (var text in new[] { stream, file })
        {
            Assert.Contains("red alert done", text, StringComparison.Ordinal);
            Assert.DoesNotContain("owned title", text, StringComparison.Ordinal);
            Assert.False(text.Any(character => character is '\u001B' or '\u0007' or '\u009B'), "a control character reached the log: " + text);
        }
    }

    [Fact]
    public async Task The_page_and_the_api_send_a_CSP_without_inline_script_and_the_other_security_headers()
    {
        using var dataDirRoot = new TempRoot("kf-headers-");
        var dataDir = dataDirRoot.Path;
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags());
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));

        foreach (var path in new[] { "/", "/redoc.html", "/api/v1/healthz", "/api/v1/builds/nothing" })
        {
            using var response = await server.Client.GetAsync(path);
            var csp = string.Join(' ', response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);

            var directives = csp.Split(';', StringSplitOptions.TrimEntries);
            Assert.Contains("script-src 'self'", directives);
            Assert.Contains("default-src 'self'", directives);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var page = await server.Client.GetStringAsync("/");
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", page);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 1: a token file that is empty (a write cut short by a full disk or a kill), short or malformed stops
/// the start with one line and exit 1, instead of a server whose token is "" and accepts <c>Bearer &lt;VT&gt;</c>.
/// </summary>
public sealed class TokenFileTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("short\n")]
    [InlineData("kf_0123456789abcdef0123456789\nsecond line\n")]
    [InlineData("kf_0123456789 abcdef0123456789\n")]
    public async Task An_empty_short_or_malformed_token_file_refuses_the_start_and_no_blank_bearer_gets_in(string content)
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-token-").FullName;
        Directory.CreateDirectory(Path.Combine(dataDir, "secrets"));
        File.WriteAllText(Path.Combine(dataDir, "secrets", "api-token"), content);
        try
        {
            using var server = new FactoryServer(dataDir, ServerBuilds.Flags());

            // on the code before the fix the server came up here and took a vertical tab as the token
            var exited = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
            if (!exited)
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/builds/nothing");
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer \u000B");
                using var response = await server.Client.SendAsync(request);
                Assert.Fail($"the server started on a bad token file; DELETE with 'Bearer <VT>' answered {(int)response.StatusCode}");
            }

            Assert.Equal(1, server.ExitCode);
            Assert.Contains($"the API token file {Path.Combine(dataDir, "secrets", "api-token")} is empty or malformed", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
            Assert.Equal(content, File.ReadAllText(Path.Combine(dataDir, "secrets", "api-token")));
        }
        finally
        {
            ServerBuilds.RemoveDataDir(dataDir);
        }
    }

    [Fact]
    public async Task A_new_token_file_is_one_whole_line_and_only_a_token_shaped_value_is_compared()
    {
        using var dataDirRoot = new TempRoot("kf-token-");
        var dataDir = dataDirRoot.Path;
        using var server = new FactoryServer(dataDir, ServerBuilds.Flags());
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var file = Path.Combine(dataDir, "secrets", "api-token");
        var token = File.ReadAllText(file);
        Assert.Matches("^kf_[0-9a-f]{64}\n$", token);
        Assert.Equal(["api-token"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));

        foreach (var presented in new[] { "\u000B", "\u00A0", "\t", token.Trim() + "\u00A0", token.Trim()[..^1], "\u00A0" + token.Trim() })
        {
            var status = await RawHttp.StatusAsync(server.Port, $"DELETE /api/v1/builds/nothing HTTP/1.1\nHost: 127.0.0.1:{server.Port}\nAuthorization: Bearer {presented}\nConnection: close\n");
            Assert.True(status is 401 or 400, $"Bearer {Uri.EscapeDataString(presented)} answered {status}");
        }

        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        using var good = await server.Client.DeleteAsync("/api/v1/builds/nothing");
        Assert.Equal(HttpStatusCode.NotFound, good.StatusCode);
    }
}

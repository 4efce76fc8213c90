using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// One build through the Factory in its container image, over the API as a client of the documents' <c>web</c> line
/// sends it: no builder named (the server's default, which in the image is the host's Docker), a base image in the
/// host's daemon, the rootfs only. The finished build's rootfs artifact downloaded with the container's token.
/// </summary>
internal static class FactoryImageBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>What the build left: its final status and message, its log, and the rootfs tarball (or null when it failed).</summary>
    internal sealed record Outcome(string Id, string Status, string Message, string Log, string? Builder, byte[]? Rootfs, TimeSpan Elapsed);

    internal static async Task<Outcome> RunAsync(HttpClient client, string token, string image, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var body = JsonSerializer.Serialize(new { image, version = "1.0.1", architecture = "amd64", artifacts = new { rootfs = true } });
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/builds") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await client.SendAsync(create, cancel);
        var answer = await created.Content.ReadAsStringAsync(cancel);
        Assert.True(created.IsSuccessStatusCode, $"POST /api/v1/builds: {(int)created.StatusCode} {answer}");
        using var job = JsonDocument.Parse(answer);
        var id = job.RootElement.GetProperty("id").GetString()!;

        var deadline = DateTime.UtcNow + Timeout;
        JsonElement state;
        while (true)
        {
            using var polled = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/builds/{id}", cancel));
            state = polled.RootElement.Clone();
            if (state.GetProperty("status").GetString() is "complete" or "failed" or "cancelled" or "interrupted")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"build {id} still {state.GetProperty("status").GetString()} after {Timeout}");
            await Task.Delay(2000, cancel);
        }

        var log = await client.GetStringAsync($"/api/v1/builds/{id}/logs", cancel);
        var status = state.GetProperty("status").GetString()!;
        var message = state.TryGetProperty("message", out var said) ? said.ToString() : "";
        var builder = state.TryGetProperty("builder", out var named) ? named.GetString() : null;
        byte[]? rootfs = null;
        if (status == "complete")
        {
            using var artifacts = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/builds/{id}/artifacts", cancel));
            var url = artifacts.RootElement.EnumerateArray().Select(a => (Name: a.GetProperty("name").GetString()!, Url: a.GetProperty("url").GetString()!))
                .Single(a => a.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal)).Url;
            using var download = new HttpRequestMessage(HttpMethod.Get, url);
            download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var file = await client.SendAsync(download, cancel);
            Assert.True(file.IsSuccessStatusCode, $"GET {url}: {(int)file.StatusCode}");
            rootfs = await file.Content.ReadAsByteArrayAsync(cancel);
        }

        return new Outcome(id, status, message, log, builder, rootfs, clock.Elapsed);
    }

    /// <summary>The text of one file in a tar archive, read by tar itself (so the archive must be a real tar).</summary>
    internal static string ReadFromTar(byte[] archive, string member)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, archive);
            return Programs.Run("tar", "--extract", "--to-stdout", "--file", path, member);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>Create, get, list, logs, artifacts, download and delete on the real pipeline (the test-only fixture builder, fixture kairos-stages).</summary>
public sealed class BuildApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_build_of_an_upload_succeeds_and_its_rootfs_downloads_with_matching_sha256()
    {
        // arrange
        using var host = new FactoryHost();
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        // act
        using var created = await host.CreateAsync(Requests.Upload(upload));
        var id = (await created.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
        var job = await host.WaitForAsync(id, Timeout, "succeeded", "failed");

        // assert: 201 with Location, then succeeded with an expiry
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/builds/{id}", created.Headers.Location!.OriginalString);
        Assert.True(job.Status == "succeeded", job.Message);
        Assert.NotNull(job.ArtifactsExpireAt);
        Assert.False(job.HasCloudConfig);

        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!;
        var rootfs = Assert.Single(artifacts, artifact => artifact.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal));
        // named from the built image's kairos-release as AuroraBoot names an ISO (the fixture's flavor is "fixture", release 1)
        Assert.Equal("kairos-fixture-1-core-amd64-generic-v1.0.0.rootfs.tar", rootfs.Name);
        Assert.Equal("Root filesystem tarball", rootfs.Description);
        Assert.Contains(artifacts, artifact => artifact.Name == rootfs.Name + ".sha256");

        using var download = await host.Authorized.GetAsync(rootfs.Url);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(rootfs.Size, download.Content.Headers.ContentLength);
        Assert.Equal(rootfs.Sha256, download.Headers.GetValues("X-Checksum-Sha256").Single());
        Assert.Equal(rootfs.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        // the fixture's mark is in the tarball: the built root, not the upload, was packed
        var sums = await host.Authorized.GetStringAsync(artifacts.Single(artifact => artifact.Name == rootfs.Name + ".sha256").Url);
        Assert.Equal($"{rootfs.Sha256}  {rootfs.Name}\n", sums);
        Assert.True(bytes.AsSpan().IndexOf("KAIROS_FIXTURE=built"u8) >= 0);

        // work dir removed, nothing mounted
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "work", id)));
    }

    [Fact]
    public async Task Download_supports_ranges_and_needs_the_token_or_the_lists_signed_link_never_the_token_in_the_query()
    {
        using var host = new FactoryHost();
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        await host.WaitForAsync(id, Timeout, "succeeded");
        var artifact = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!.First(a => a.Name.EndsWith(".tar", StringComparison.Ordinal));
        var whole = await host.Authorized.GetByteArrayAsync(artifact.Url);
        var plain = artifact.Url[..artifact.Url.IndexOf('?', StringComparison.Ordinal)];

        // act
        using var ranged = new HttpRequestMessage(HttpMethod.Get, artifact.Url);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 611);
        using var partial = await host.Authorized.SendAsync(ranged);
        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, artifact.Url);
        unsatisfiable.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(whole.Length + 10, whole.Length + 20);
        using var beyond = await host.Authorized.SendAsync(unsatisfiable);
        using var anonymous = await host.Anonymous.GetAsync(plain);
        using var linked = await host.Anonymous.GetAsync(artifact.Url);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, plain);
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        using var wrongToken = await host.Anonymous.SendAsync(wrong);
        using var query = await host.Anonymous.GetAsync(plain + "?token=" + FactoryHost.Token);
        using var missing = await host.Authorized.GetAsync($"/api/v1/builds/{id}/artifacts/..%2F..%2Ffactory.db");
        using var headers = await host.Authorized.SendAsync(new HttpRequestMessage(HttpMethod.Head, artifact.Url));
        using var headAnonymous = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, plain));
        using var cached = new HttpRequestMessage(HttpMethod.Get, artifact.Url) { Headers = { { "If-None-Match", $"\"{artifact.Sha256}\"" } } };
        using var notModified = await host.Authorized.SendAsync(cached);
        using var changed = new HttpRequestMessage(HttpMethod.Get, artifact.Url) { Headers = { { "If-Range", "\"another-file\"" } } };
        changed.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 611);
        using var wholeAgain = await host.Authorized.SendAsync(changed);

        // assert
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(512, partial.Content.Headers.ContentLength);
        Assert.Equal(whole[100..612], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode); // the token never travels in a URL
        Assert.Equal(whole, await linked.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        // HEAD: the download's headers, no body; the ETag (the sha256) answers a cache's If-None-Match and a resumed
        // download's If-Range (another file's tag gets the whole file, not a piece of this one)
        Assert.Equal(HttpStatusCode.OK, headers.StatusCode);
        Assert.Equal(whole.Length, headers.Content.Headers.ContentLength);
        Assert.Equal(artifact.Sha256, Assert.Single(headers.Headers.GetValues(ArtifactEndpoints.Sha256Header)));
        Assert.Equal($"\"{artifact.Sha256}\"", headers.Headers.ETag!.ToString());
        Assert.Empty(await headers.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, headAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wholeAgain.StatusCode);
        Assert.Equal(whole, await wholeAgain.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task List_filters_by_status_and_pages_newest_first()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var first = await host.CreateOkAsync(Requests.Upload(upload, "1.0.1"));
        await host.WaitForAsync(first, Timeout, "failed");
        var second = await host.CreateOkAsync(Requests.Upload(upload, "1.0.2"));
        await host.WaitForAsync(second, Timeout, "failed");

        // act
        var all = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!;
        var page = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds?limit=1&offset=1", FactoryHost.Json))!;
        var succeeded = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds?status=succeeded", FactoryHost.Json))!;
        using var badStatus = await host.Client.GetAsync("/api/v1/builds?status=done");
        using var badLimit = await host.Client.GetAsync("/api/v1/builds?limit=0");
        using var badOffset = await host.Client.GetAsync("/api/v1/builds?offset=-1");

        // assert
        Assert.Equal([second, first], all.Builds.Select(build => build.Id));
        Assert.Equal(2, all.Total);
        Assert.Equal(first, Assert.Single(page.Builds).Id);
        Assert.Equal(2, page.Total);
        Assert.Empty(succeeded.Builds);
        Assert.Equal(0, succeeded.Total);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("\"status\"", await badStatus.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("\"limit\"", await badLimit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badOffset.StatusCode);
    }

    [Fact]
    public async Task Log_replays_a_finished_build_and_ends_with_its_status()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        var job = await host.WaitForAsync(id, Timeout, "failed");

        // act
        using var response = await host.Client.GetAsync($"/api/v1/builds/{id}/logs");
        var stream = await response.Content.ReadAsStringAsync();

        // assert: every step's lines, the failing command's stderr, the end event
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^id: 1\ndata: 20[0-9]{2}-", stream); // the first line as written: no byte-order mark
        Assert.DoesNotContain('\r', stream);
        Assert.Contains("[base] $ tar --extract", stream);
        Assert.Contains("[install] step installPackages failed: apt-get install exited with code 100", stream);
        Assert.EndsWith("event: end\ndata: {\"status\":\"failed\"}\n\n", stream);
        Assert.Contains("install:", job.Message);
        Assert.Contains("exited with code 1", job.Message);
    }

    [Fact]
    public async Task A_reconnecting_client_with_Last_Event_ID_gets_only_the_lines_after_it()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        await host.WaitForAsync(id, Timeout, "failed");
        var full = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        // act: what EventSource sends after a dropped connection, and a header that is not a line number
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/builds/{id}/logs") { Headers = { { "Last-Event-ID", "3" } } };
        var resumed = await (await host.Client.SendAsync(resume)).Content.ReadAsStringAsync();
        using var junk = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/builds/{id}/logs") { Headers = { { "Last-Event-ID", "-1; drop" } } };
        var replayed = await (await host.Client.SendAsync(junk)).Content.ReadAsStringAsync();

        // assert: the resumed stream is the full stream from line 4 on, byte for byte; a bad header replays from line 1
        Assert.StartsWith("id: 4\ndata: ", resumed);
        Assert.Equal(full[full.IndexOf("id: 4\n", StringComparison.Ordinal)..], resumed);
        Assert.EndsWith("event: end\ndata: {\"status\":\"failed\"}\n\n", resumed);
        Assert.Equal(full, replayed);
    }

    [Fact]
    public async Task The_log_also_streams_over_a_WebSocket_a_frame_a_line_closed_with_the_status()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        await host.WaitForAsync(id, Timeout, "failed");
        var sse = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");
        var expected = sse.Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => line[6..]).SkipLast(1).ToList();

        // act: the classic Factory's client, a WebSocket on the same URL
        using var socket = await host.WebSockets.ConnectAsync(new Uri($"ws://localhost/api/v1/builds/{id}/logs"), TestContext.Current.CancellationToken);
        var frames = new List<string>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                break;
            }

            Assert.True(received.EndOfMessage, "a line fits one frame");
            frames.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        // assert: the same lines as the SSE stream, in order, then a normal close naming the final status
        Assert.NotEmpty(frames);
        Assert.Equal(expected, frames);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("failed", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Unknown_build_is_404_on_every_route_and_delete_of_a_finished_build_is_204()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        const string Unknown = "0123456789abcdef0123456789abcdef";
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        await host.WaitForAsync(id, Timeout, "failed");

        // act
        var statuses = new[]
        {
            (await host.Client.GetAsync($"/api/v1/builds/{Unknown}")).StatusCode,
            (await host.Client.GetAsync($"/api/v1/builds/{Unknown}/logs")).StatusCode,
            (await host.Client.GetAsync($"/api/v1/builds/{Unknown}/artifacts")).StatusCode,
            (await host.Authorized.GetAsync($"/api/v1/builds/{Unknown}/artifacts/x.iso")).StatusCode,
            (await host.Authorized.PostAsync($"/api/v1/builds/{Unknown}/cancel", null)).StatusCode,
            (await host.Authorized.DeleteAsync($"/api/v1/builds/{Unknown}")).StatusCode,
        };
        using var deleteWithoutToken = await host.Anonymous.DeleteAsync($"/api/v1/builds/{id}");
        using var delete = await host.Authorized.DeleteAsync($"/api/v1/builds/{id}");
        using var after = await host.Client.GetAsync($"/api/v1/builds/{id}");

        // assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.Unauthorized, deleteWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "jobs", id)));
    }
}

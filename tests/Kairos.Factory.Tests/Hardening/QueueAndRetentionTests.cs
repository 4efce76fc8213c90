using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kairos.Factory.Jobs;
using Kairos.Factory.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 8: disk use is bounded: a queue limit (429 with Retry-After), an upload store quota (507), and
/// retention for everything a build leaves (its record and log, interrupted builds, unused uploads).
/// </summary>
public sealed class QueueAndRetentionTests
{
    [Fact]
    public async Task The_101st_waiting_build_gets_429_with_Retry_After()
    {
        using var dataDirRoot = new TempRoot("kf-queue-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-hang.sh"));
        var upload = await server.UploadAsync();
        var running = await server.CreateAsync(Requests.Upload(upload));
        await server.WaitForAsync(running, "running");
        for (var index = 0; index < 100; index++)
        {
            await server.CreateAsync(Requests.Upload(upload));
        }

        using var refused = await server.Client.PostAsJsonAsync("/api/v1/builds", Requests.Upload(upload), FactoryHost.Json);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("100 builds are already waiting", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(101, (await server.Client.GetFromJsonAsync<Api.JobList>("/api/v1/builds?limit=1", FactoryHost.Json))!.Total);
    }

    [Fact]
    public async Task An_upload_beyond_the_upload_store_quota_gets_507_and_leaves_no_file()
    {
        using var dataDirRoot = new TempRoot("kf-quota-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-ok.sh", "--max-upload-store-mb", "4"));
        await server.UploadAsync(); // busybox: about 1-2 MiB
        var before = Directory.GetFiles(Path.Combine(dataDir, "uploads"));

        using var tar = new ByteArrayContent(BaseTarball.Busybox(paddingBytes: 3 << 20));
        tar.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var refused = await server.Client.PostAsync("/api/v1/uploads", tar);

        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Contains("--max-upload-store-mb", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(dataDir, "uploads")));
    }

    [Fact]
    public async Task Retention_deletes_a_builds_record_and_log_one_retention_after_its_artifacts_and_unused_uploads()
    {
        using var host = new FactoryHost(options => options with { Retention = TimeSpan.FromHours(2) });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var id = await host.CreateOkAsync(Requests.Upload(upload));
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(60), "succeeded");
        var retention = host.Services.GetRequiredService<RetentionService>();

        // act: artifacts go at the expiry; the record, the log and the upload one retention later
        retention.SweepOnce(job.ArtifactsExpireAt!.Value.AddSeconds(1));
        var kept = await host.Client.GetAsync($"/api/v1/builds/{id}");
        retention.SweepOnce(job.ArtifactsExpireAt!.Value.AddHours(2).AddSeconds(1));
        var gone = await host.Client.GetAsync($"/api/v1/builds/{id}");

        // assert
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "jobs", id)), "the build's log is still there");
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataDir, "uploads")));
    }
}

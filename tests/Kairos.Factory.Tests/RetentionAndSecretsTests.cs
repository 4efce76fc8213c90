using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Factory.Tests;

/// <summary>Retention deletes expired artifacts and the API says when; secrets never reach a log.</summary>
public sealed class RetentionAndSecretsTests
{
    [Fact]
    public async Task Expired_artifacts_are_deleted_and_the_api_says_when_they_went()
    {
        using var host = new FactoryHost(options => options with { Retention = TimeSpan.FromHours(2) });
        var id = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));
        var job = await host.WaitForAsync(id, TimeSpan.FromSeconds(60), "succeeded");
        var url = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json))!.First().Url;
        var retention = host.Services.GetRequiredService<RetentionService>();

        // act: a sweep before the expiry keeps them, one after deletes them
        retention.SweepOnce(job.FinishedAt!.Value.AddHours(1));
        using var before = await host.Authorized.GetAsync(url);
        retention.SweepOnce(job.ArtifactsExpireAt!.Value.AddSeconds(1));
        using var list = await host.Client.GetAsync($"/api/v1/builds/{id}/artifacts");
        using var download = await host.Authorized.GetAsync(url);
        var after = await host.GetAsync(id);

        // assert
        Assert.Equal(job.FinishedAt!.Value.AddHours(2), job.ArtifactsExpireAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, list.StatusCode);
        Assert.Contains("deleted by retention", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, download.StatusCode);
        Assert.NotNull(after.ArtifactsDeletedAt);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "jobs", id, "artifacts")));
    }

    [Fact]
    public async Task The_token_and_cloud_config_passwords_are_masked_in_the_job_log()
    {
        using var host = new FactoryHost(options => options with { KairosStagesBinary = FactoryHost.Fixture("stages-fail.sh") });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var request = Requests.Upload(upload) with
        {
            CloudConfig = "#cloud-config\nusers:\n  - name: kairos\n    passwd: hunter2-secret\nk3s:\n  token: cluster-token-xyz\n",
        };
        var id = await host.CreateOkAsync(request);
        await host.WaitForAsync(id, TimeSpan.FromSeconds(60), "failed");
        var runner = host.Services.GetRequiredService<JobRunner>();
        var log = runner.LogOf((await Task.FromResult(host.Services.GetRequiredService<Store.JobStore>().Get(id)))!);

        // act: a step that prints the secrets
        log.Write("test", $"echo {FactoryHost.Token} hunter2-secret cluster-token-xyz done");
        var text = await host.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        // assert
        Assert.Contains("echo *** *** *** done", text);
        Assert.DoesNotContain(FactoryHost.Token, text);
        Assert.DoesNotContain("hunter2-secret", text);
        Assert.DoesNotContain("cluster-token-xyz", text);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Factory.Tests;

/// <summary>fips: accepted where the engine builds it, refused (naming the field) where its install stage would fail, stored, shown, and passed as --fips.</summary>
public sealed class FipsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_fips_build_is_stored_shown_and_runs_install_and_init_with_fips()
    {
        using var host = new FactoryHost();
        var upload = await host.UploadAsync(BaseTarball.Busybox());

        var fipsId = await host.CreateOkAsync(Requests.Upload(upload) with { Fips = true });
        var plainId = await host.CreateOkAsync(Requests.Upload(upload));
        var fips = await host.WaitForAsync(fipsId, Timeout, "succeeded", "failed");
        var plain = await host.WaitForAsync(plainId, Timeout, "succeeded", "failed");
        var fipsLog = await host.Client.GetStringAsync($"/api/v1/builds/{fipsId}/logs");
        var plainLog = await host.Client.GetStringAsync($"/api/v1/builds/{plainId}/logs");
        var listed = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!;

        Assert.True(fips.Status == "succeeded", fips.Message + "\n" + fipsLog);
        Assert.True(fips.Fips);
        Assert.False(plain.Fips);
        Assert.True(listed.Builds.Single(job => job.Id == fipsId).Fips);

        // the fixture prints its arguments: --fips on run (install and init), not on validate (which has no such flag)
        var fipsRuns = fipsLog.Split('\n').Where(line => line.Contains("fixture kairos-stages ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, fipsRuns.Count);
        Assert.Contains(fipsRuns, line => line.Contains("run --stage install", StringComparison.Ordinal) && line.EndsWith(" --fips", StringComparison.Ordinal));
        Assert.Contains(fipsRuns, line => line.Contains("run --stage init", StringComparison.Ordinal) && line.EndsWith(" --fips", StringComparison.Ordinal));
        Assert.DoesNotContain("--fips", fipsRuns.Single(line => line.Contains("kairos-stages validate", StringComparison.Ordinal)));
        Assert.Contains(" FIPS with the fixture builder", fipsLog);
        Assert.DoesNotContain("--fips", plainLog);
    }

    [Fact]
    public async Task Fips_on_an_Ubuntu_base_is_a_400_naming_fips_with_the_engines_reason_and_nothing_runs()
    {
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman" });

        using var refused = await host.CreateAsync(Requests.Podman("localhost/ubuntu:24.04") with { Fips = true });
        using var digest = await host.CreateAsync(Requests.Podman("registry.example:5000/base/ubuntu@sha256:" + new string('a', 64)) with { Fips = true });
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var config = (await host.Client.GetFromJsonAsync<ConfigView>("/api/v1/config", FactoryHost.Json))!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, digest.StatusCode);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("fips").EnumerateArray()).GetString()!;
        Assert.Contains(FipsRules.Bundled.UnsupportedImages["ubuntu"], message); // the install stage's reason too (stages/data/fips.yaml)
        Assert.Contains("'localhost/ubuntu:24.04'", message);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "work")) && Directory.EnumerateFileSystemEntries(Path.Combine(host.DataDir, "work")).Any());

        // the page reads the same rules; an image merely containing "ubuntu" in its path is not Ubuntu by name
        Assert.Contains("ubuntu", config.Fips.UnsupportedImages.Keys);
        Assert.Contains("riscv64", config.Fips.UnsupportedArchitectures.Keys);
        Assert.Null(config.Fips.Problem("localhost/ubuntu-tools/debian:12", "amd64"));
        Assert.NotNull(config.Fips.Problem("ubuntu", "amd64"));
    }
}

using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Factory.Tests;

/// <summary>/config, /healthz, /readyz, the ReDoc page and the token file.</summary>
public sealed class SystemApiTests
{
    [Fact]
    public async Task Config_offers_presets_models_per_arch_and_the_pinned_kubernetes_versions()
    {
        using var host = new FactoryHost();

        var config = (await host.Client.GetFromJsonAsync<ConfigView>("/api/v1/config", FactoryHost.Json))!;

        var pins = ArtifactCatalog.Parse(new EmbeddedStageSource().ReadText(ArtifactCatalog.DataPath)!);
        Assert.Equal(pins.Resolve("k3s", "amd64", false).Version, config.KubernetesVersions["k3s"]);
        Assert.Equal(pins.Resolve("k0s", "amd64", false).Version, config.KubernetesVersions["k0s"]);
        Assert.Equal(["generic"], config.Models["amd64"]);
        Assert.Equal(["generic", "rpi3", "rpi4"], config.Models["arm64"]);
        Assert.Contains(config.Presets, preset => preset.Image == "debian:12");
        Assert.Equal("fixture", config.DefaultBuilder);
        Assert.Equal(["podman", "docker", "fixture"], config.Builders); // the engines, and the test host's fixture builder; no chroot
        Assert.Equal(168, config.RetentionHours);
    }

    [Fact]
    public async Task Health_and_readiness_answer_and_readiness_names_its_checks()
    {
        using var host = new FactoryHost();

        using var health = await host.Client.GetAsync("/api/v1/healthz");
        var ready = (await host.Client.GetFromJsonAsync<HealthView>("/api/v1/readyz", FactoryHost.Json))!;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ready", ready.Status);
        Assert.Equal(["data_dir", "kairos_stages", "recovery", "store"], ready.Checks.Keys.Order());
    }

    [Fact]
    public async Task Readiness_is_503_when_the_data_dir_cannot_be_written()
    {
        using var host = new FactoryHost();
        await host.Client.GetAsync("/api/v1/readyz");
        var probe = Path.Combine(host.DataDir, ".ready-probe");
        Directory.CreateDirectory(probe); // a directory where the probe file goes: the write fails

        using var response = await host.Client.GetAsync("/api/v1/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"data_dir\"", await response.Content.ReadAsStringAsync());
        Directory.Delete(probe);
    }

    [Fact]
    public async Task ReDoc_page_and_its_vendored_bundle_are_served_without_any_remote_url()
    {
        using var host = new FactoryHost();

        var page = await host.Client.GetStringAsync("/redoc.html");
        using var bundle = await host.Client.GetAsync("/redoc/redoc.standalone.js");
        using var license = await host.Client.GetAsync("/redoc/LICENSE.txt");

        Assert.Contains("<redoc spec-url=\"/api/v1/openapi.json\"", page);
        Assert.Contains("src=\"/redoc/redoc.standalone.js\"", page);
        Assert.DoesNotContain("http", page.Replace("http-equiv", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 500_000);
        Assert.Contains("MIT License", await license.Content.ReadAsStringAsync());
    }

    [Fact]
    public void First_start_writes_a_private_token_file_and_later_starts_reuse_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-token-").FullName;
        try
        {
            var first = Auth.ApiToken.LoadOrCreate(new FactoryOptions { DataDir = dataDir });
            var second = Auth.ApiToken.LoadOrCreate(new FactoryOptions { DataDir = dataDir });
            var path = Auth.ApiToken.PathIn(dataDir);

            Assert.True(first.Created);
            Assert.False(second.Created);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var stored = File.ReadAllText(path).Trim();
            Assert.True(second.Matches(stored));
            Assert.False(second.Matches(stored[..^1]));
            Assert.False(second.Matches(stored + "0"));
            Assert.False(second.Matches(null));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}

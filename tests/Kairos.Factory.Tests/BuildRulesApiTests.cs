using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kairos.Factory.Api;
using Kairos.Factory.Store;
using Kairos.Factory.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 30's disagreements between the server, the page and the engine: the rules GET /config hands the page are the
/// server's own (the same texts pass and fail), and the status vocabulary is the server's, interrupted included.
/// </summary>
public sealed class BuildRulesApiTests
{
    [Fact]
    public async Task Config_serves_the_version_rule_the_server_applies_so_the_page_takes_1_0_as_the_server_does()
    {
        using var host = new FactoryHost();

        var rules = (await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/config", FactoryHost.Json)).GetProperty("rules");
        var version = new Regex(rules.GetProperty("version").GetProperty("pattern").GetString()!);

        // the server takes 1.0 (Semver, minor and patch optional, as the engine does): so must the served rule
        foreach (var (text, accepted) in new[] { ("1.0", true), ("v1.2.3-rc1+build", true), ("1", true), ("01.2.3", true), ("one", false), ("1.2.3.4", false), ("v1.2.3-", false) })
        {
            using var created = await host.Authorized.PostAsJsonAsync("/api/v1/builds", Requests.Upload(await host.UploadAsync(BaseTarball.Busybox()), text), FactoryHost.Json);
            Assert.Equal(accepted, created.IsSuccessStatusCode);
            Assert.Equal(accepted, version.IsMatch(text));
        }
    }

    [Theory]
    [InlineData("#cloud-config\n", true)]
    [InlineData("#cloud-config\n# nothing yet\n", true)]
    [InlineData("#cloud-config\nusers: []\n", true)]
    [InlineData("#cloud-config\n- a list\n", false)]
    [InlineData("users: []\n", false)]
    [InlineData("#cloud-config\na: 1\n---\nb: 2\n", false)]
    public async Task A_cloud_config_is_taken_by_the_server_as_the_page_takes_it_the_header_alone_being_an_empty_config(string cloudConfig, bool accepted)
    {
        // the page's rule (validate.js, with GET /config's header): the header, then nothing or one YAML mapping
        using var host = new FactoryHost();
        var request = Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())) with { CloudConfig = cloudConfig };

        using var created = await host.Authorized.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);

        Assert.True(accepted == created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, bool> KubernetesVersions => new()
    {
        { "k3s", "v1.32.1+k3s1", true },
        { "k3s", "v1.32.1-rc1+k3s1", true },
        { "k3s", "1.32.1", false },
        { "k3s", "v1.32.1", false },
        { "k3s", "v1.32.1+k0s.0", false },
        { "k0s", "v1.32.1+k0s.0", true },
        { "k0s", "v1.32.1+k3s1", false },
    };

    [Theory]
    [MemberData(nameof(KubernetesVersions))]
    public async Task A_kubernetes_version_is_taken_only_in_its_providers_shape_by_the_server_and_the_served_rule(string provider, string kubernetesVersion, bool accepted)
    {
        using var host = new FactoryHost();
        var request = Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())) with { KubernetesDistribution = provider, KubernetesVersion = kubernetesVersion };

        using var created = await host.Authorized.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);

        // the server refuses at once what the engine would refuse after the build started
        Assert.True(accepted == created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        if (!accepted)
        {
            Assert.Contains("kubernetes_version", await created.Content.ReadAsStringAsync());
        }

        var rule = (await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/config", FactoryHost.Json)).GetProperty("rules").GetProperty("kubernetes_versions").GetProperty(provider);
        Assert.Equal(accepted, Regex.IsMatch(kubernetesVersion, rule.GetProperty("pattern").GetString()!));
    }

    [Fact]
    public async Task A_kubernetes_version_longer_than_the_served_rule_allows_is_refused_by_the_server_as_by_the_page()
    {
        // arrange: a k3s tag of the right shape, longer than the rule's max_length and shorter than a field's 256
        using var host = new FactoryHost();
        var rule = (await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/config", FactoryHost.Json)).GetProperty("rules").GetProperty("kubernetes_versions").GetProperty("k3s");
        var maxLength = rule.GetProperty("max_length").GetInt32();
        var tag = "v1.32.1-" + new string('a', maxLength) + "+k3s1";
        Assert.Matches(rule.GetProperty("pattern").GetString()!, tag);
        Assert.InRange(tag.Length, maxLength + 1, 256);
        var request = Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())) with { KubernetesDistribution = "k3s", KubernetesVersion = tag };

        // act
        using var created = await host.Authorized.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);

        // assert: the page says "Longer than max_length characters"; the server (and the engine) refuse it too
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("kubernetes_version", await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_builds_outputs_are_named_exactly_as_the_engines_output_kinds()
    {
        // arrange: every output asked for
        var all = new BuildOutputs(true, true, true) { RawEfi = true, RawBios = true, Vhd = true, Gce = true, Maas = true, Netboot = true, Uki = true, UkiContainer = true };

        // act
        var json = JsonSerializer.SerializeToElement(all, FactoryHost.Json);

        // assert: the API's field names and the names the store and the checks use are OutputKinds', no more, no fewer
        Assert.Equal(Kairos.Stages.Image.Requests.OutputKinds.Names.Order(), json.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal(Kairos.Stages.Image.Requests.OutputKinds.Names.Order(), all.Names.Order());
    }

    [Fact]
    public async Task Config_serves_every_status_and_a_build_a_restart_cut_short_is_interrupted_not_failed()
    {
        // arrange: a store with a running build, as a server that died leaves it
        using var host = new FactoryHost();
        var config = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/config", FactoryHost.Json);
        var store = new JobStore(host.Options);
        var spec = new BuildSpec { Version = "v1.0.0", Architecture = "amd64", Model = "generic", Variant = "core", Builder = "fixture", Artifacts = new BuildOutputs(false, false, true) };
        store.Insert(new JobRecord("0123456789abcdef0123456789abcdef", JobStatus.Queued, null, spec, DateTimeOffset.UtcNow, null, null, null, null));
        Assert.NotNull(store.ClaimNext(DateTimeOffset.UtcNow));

        // act
        var ids = store.FailInterrupted(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        // assert: the server names the state; the page need not read it out of the message
        Assert.Equal(["0123456789abcdef0123456789abcdef"], ids);
        Assert.Equal("interrupted", store.Get(ids[0])!.Status);
        Assert.Equal(["queued", "running", "succeeded", "failed", "cancelled", "interrupted"], config.GetProperty("statuses").EnumerateArray().Select(status => status.GetString()));
        Assert.True(JobStatus.IsFinished("interrupted"));
        Assert.Equal(["succeeded", "failed", "cancelled", "interrupted"], config.GetProperty("finished_statuses").EnumerateArray().Select(status => status.GetString()));
        Assert.Equal("succeeded", config.GetProperty("status_aliases").GetProperty("complete").GetString());
    }

    [Fact]
    public void A_store_of_an_older_server_reads_its_builds_cut_short_by_a_restart_as_interrupted()
    {
        // arrange: a store at schema 2, where an interrupted build was failed with this message
        using var host = new FactoryHost();
        var dataDir = Directory.CreateTempSubdirectory("kf-store-").FullName;
        var options = host.Options with { DataDir = dataDir };
        var spec = new BuildSpec { Version = "v1.0.0", Architecture = "amd64", Model = "generic", Variant = "core", Builder = "fixture", Artifacts = new BuildOutputs(false, false, true) };
        new JobStore(options).Insert(new JobRecord("0123456789abcdef0123456789abcdee", JobStatus.Queued, null, spec, DateTimeOffset.UtcNow, null, null, null, null));
        using (var connection = new SqliteConnection($"Data Source={options.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE jobs SET status = 'failed', message = 'interrupted by server restart'; PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        // act
        var job = new JobStore(options).Get("0123456789abcdef0123456789abcdee")!;

        // assert
        Assert.Equal("interrupted", job.Status);
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 2: an alias bomb is refused at request time (a node budget), and one already in the store (a build a
/// dead server left running) neither stalls recovery nor keeps the restarted server from listening.
/// </summary>
public sealed class AliasBombTests
{
    [Fact]
    public async Task An_alias_bomb_and_deep_nesting_are_refused_at_request_time_naming_cloud_config_and_a_normal_build_still_runs()
    {
        using var dataDirRoot = new TempRoot("kf-bomb-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());
        var upload = await server.UploadAsync();

        foreach (var (cloudConfig, problem) in new[]
        {
            (YamlAbuse.AliasBomb(), "with its aliases expanded"),
            (YamlAbuse.DeeplyNested(20_000), "nests deeper than 64 levels"),
        })
        {
            var request = Requests.Upload(upload) with { CloudConfig = cloudConfig };
            var clock = Stopwatch.StartNew();
            using var response = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {body}");
            Assert.Contains("cloud_config", body, StringComparison.Ordinal);
            Assert.Contains(problem, body, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the check took {clock.Elapsed}");
        }

        await server.AssertAnswersAndBuildsAsync();
    }

    [Fact]
    public async Task A_stored_alias_bomb_of_an_interrupted_build_does_not_keep_the_restarted_server_from_listening()
    {
        using var dataDirRoot = new TempRoot("kf-bomb-");
        var dataDir = dataDirRoot.Path;
        string id;
        using (var first = new FactoryServer(dataDir, ServerBuilds.Flags()))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            first.Authorize();
            id = await first.CreateAsync(Requests.Upload(await first.UploadAsync()) with { CloudConfig = "#cloud-config\nusers: []\n" });
            await first.WaitForAsync(id, "succeeded", "failed");
            first.KillServerOnly();
        }

        // what an older server accepted, left running by a kill -9
        using (var store = new SqliteConnection($"Data Source={Path.Combine(dataDir, "factory.db")};Pooling=False"))
        {
            store.Open();
            using var command = store.CreateCommand();
            command.CommandText = "UPDATE jobs SET status = 'running', spec = json_set(spec, '$.cloud_config', $bomb) WHERE id = $id";
            command.Parameters.AddWithValue("$bomb", YamlAbuse.AliasBomb());
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var second = new FactoryServer(dataDir, ServerBuilds.Flags());
        await second.WaitReadyAsync(TimeSpan.FromSeconds(30));
        second.Authorize();
        var job = await second.WaitForAsync(id, "interrupted");

        Assert.Equal("interrupted by server restart", job.Message);
        Assert.NotNull(job.ArtifactsExpireAt); // item 8: an interrupted build expires like any other
        await second.AssertAnswersAndBuildsAsync();
    }
}

using System.Net;
using Kairos.Factory.Commands;

namespace Kairos.Factory.Tests;

/// <summary>
/// <c>kairos-factory web</c>: AuroraBoot's command (the Kairos documents' <c>docker run … -p 8080:8080 IMAGE web</c>):
/// :8080 by default, the classic status names, AuroraBoot's flags mapped onto serve's or refused with exit 2.
/// </summary>
public sealed class WebCommandTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(new[] { "--address", "127.0.0.1:9" }, new[] { "--listen", "127.0.0.1:9" })]
    [InlineData(new[] { "--address=:8081" }, new[] { "--listen", ":8081" })]
    [InlineData(new[] { "--builds-dir", "/srv/builds", "--create-worker" }, new[] { "--data-dir", "/srv/builds" })]
    [InlineData(new[] { "--create-worker=true", "--url=https://factory.example.org" }, new[] { "--public-url", "https://factory.example.org" })]
    [InlineData(new[] { "--builder=local", "--workers", "2" }, new[] { "--workers", "2" })]
    [InlineData(new[] { "--builder", "docker" }, new[] { "--builder", "docker" })]
    [InlineData(new[] { "--listen", ":8080", "--data-dir", "/data" }, new[] { "--listen", ":8080", "--data-dir", "/data" })]
    public void AuroraBoot_flags_become_serves(string[] given, string[] expected)
    {
        // act
        var (arguments, error) = WebCommand.Translate(given);

        // assert
        Assert.Null(error);
        Assert.Equal(expected, arguments);
    }

    [Theory]
    [InlineData("--builder", "operator", "web --builder operator is not supported: builds run on this machine")]
    [InlineData("--artifact-dir", "/artifacts", "web --artifact-dir is not supported")]
    [InlineData("--default-kairos-init-version", "v0.5.0", "web --default-kairos-init-version is not supported: builds run this server's kairos-stages")]
    [InlineData("--db", "postgres://x", "web --db is not supported")]
    [InlineData("--kubeconfig", "/kubeconfig", "web --kubeconfig is not supported")]
    [InlineData("--builder-namespace", "kairos-builds", "web --builder-namespace is not supported")]
    [InlineData("--create-worker=false", "", "web --create-worker=false is not supported")]
    public async Task A_refused_AuroraBoot_flag_exits_2_naming_it_and_creates_no_data_dir(string flag, string value, string message)
    {
        var scratch = Directory.CreateTempSubdirectory("kf-web-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        try
        {
            var port = FactoryServer.FreePort();
            using var server = FactoryServer.WithCommandLine(port, dataDir, ["web", "--address", $"127.0.0.1:{port}", "--data-dir", dataDir, flag, .. value.Length > 0 ? new[] { value } : []]);

            await ServeStartupTests.AssertRefusedAsync(server, 2, "kairos-factory: " + message);
            Assert.False(Directory.Exists(dataDir), "the data dir was created");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Web_with_AuroraBoots_address_and_builds_dir_serves_the_page_and_the_api()
    {
        var scratch = Directory.CreateTempSubdirectory("kf-web-").FullName;
        var buildsDir = Path.Combine(scratch, "builds");
        try
        {
            var port = FactoryServer.FreePort();
            using var server = FactoryServer.WithCommandLine(port, buildsDir, "web", "--address", $"127.0.0.1:{port}", "--builds-dir", buildsDir, "--create-worker");

            // act
            await server.WaitAnsweringAsync(Within);
            var page = await server.Client.GetStringAsync("/");
            using var builds = await server.Client.GetAsync("/api/v1/builds");

            // assert: the data went to --builds-dir, the page and the API answer (the list without a token: web's open reads)
            Assert.Contains("<title>Kairos Factory</title>", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, builds.StatusCode);
            Assert.True(File.Exists(Path.Combine(buildsDir, "factory.db")), server.Output);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Web_listens_on_8080_of_every_interface_and_spells_states_the_classic_way_by_default()
    {
        // act
        var command = WebCommand.Create();
        var parsed = command.Parse([]);

        // assert
        var listen = command.Options.Single(option => option.Name == "--listen");
        var names = command.Options.Single(option => option.Name == "--status-names");
        Assert.Equal(":8080", parsed.GetValue((System.CommandLine.Option<string>)listen));
        Assert.Equal("classic", parsed.GetValue((System.CommandLine.Option<string>)names));
        var serve = ServeCommand.Create();
        Assert.Equal("127.0.0.1:8080", serve.Parse([]).GetValue((System.CommandLine.Option<string>)serve.Options.Single(option => option.Name == "--listen")));
        Assert.Equal("native", serve.Parse([]).GetValue((System.CommandLine.Option<string>)serve.Options.Single(option => option.Name == "--status-names")));

        // reads are open on web as on AuroraBoot (the classic documents' list and status calls send no token); serve keeps them closed
        Assert.True(parsed.GetValue((System.CommandLine.Option<bool>)command.Options.Single(option => option.Name == "--public-read")));
        Assert.False(serve.Parse([]).GetValue((System.CommandLine.Option<bool>)serve.Options.Single(option => option.Name == "--public-read")));
    }
}

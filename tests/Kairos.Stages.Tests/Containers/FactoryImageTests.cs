using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The Factory's container image (src/Kairos.Factory/Dockerfile) built by real Docker + BuildKit on the imported
/// Debian 12 root, from the binaries build/publish.sh and build/publish-factory.sh leave in out/linux-x64, then run
/// with the Kairos documents' <c>docker run -v /var/run/docker.sock:/var/run/docker.sock … IMAGE web</c>.
/// Two flags of that line cannot be used here: CI's dockerd has no bridge (<c>-p 8080:8080</c> publishes nothing), so
/// the container shares the host's network and <c>web</c> is told a free 127.0.0.1 port; and this machine's own
/// sandbox refuses the full capability set <c>--privileged</c> asks for (runc: "unable to apply caps").
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Engine)]
public sealed class FactoryImageTests(DockerImages images)
{
    private const string Tag = "kairos-factory-test";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The self-contained server build/publish-factory.sh makes: $KAIROS_FACTORY_PUBLISHED, or out/linux-x64/factory.</summary>
    private static string FactoryDirectory => Environment.GetEnvironmentVariable("KAIROS_FACTORY_PUBLISHED") is { Length: > 0 } given
        ? given
        : Path.Combine(KairosStagesImage.RepositoryDirectory, "out/linux-x64/factory");

    [Fact]
    public async Task Factory_image_runs_web_with_the_docker_socket_and_answers_health_page_and_classic_api()
    {
        if ((DockerImages.Unavailable() ?? FactoryMissing()) is { } why)
        {
            Assert.Skip(why);
        }

        images.StagesImage(); // debian:12, the imported root, is the Dockerfile's default BASE
        var context = Directory.CreateTempSubdirectory("kf-image-context-").FullName;
        var container = $"kairos-factory-test-{Environment.ProcessId}";
        var socket = new Uri(Environment.GetEnvironmentVariable("DOCKER_HOST")!).AbsolutePath;
        try
        {
            // arrange: a context laid out as the two publish scripts leave out/linux-x64
            var published = Directory.CreateDirectory(Path.Combine(context, "out/linux-x64")).FullName;
            File.Copy(PublishedBinary.Path, Path.Combine(published, "kairos-stages"));
            Programs.Run("cp", "-a", FactoryDirectory, Path.Combine(published, "factory"));
            var dockerfile = Path.Combine(KairosStagesImage.RepositoryDirectory, "src/Kairos.Factory/Dockerfile");
            var build = DockerDaemon.Run("build", "--progress", "plain", "--network", "host", "-f", dockerfile, "-t", Tag, context);
            Assert.True(build.Code == 0, build.Tail);
            var port = FreePort();

            // act: the documents' line, with the host network for -p and a port of our own
            var run = DockerDaemon.Run("run", "-d", "--name", container, "-v", $"{socket}:/var/run/docker.sock", "--network", "host", Tag, "web", "--listen", $"127.0.0.1:{port}");
            Assert.True(run.Code == 0, run.Tail);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await AnswerAsync(client, "/api/v1/healthz", container);
            var ready = await client.GetStringAsync("/api/v1/readyz", Cancel);
            var page = await client.GetStringAsync("/", Cancel);
            using var config = JsonDocument.Parse(await client.GetStringAsync("/api/v1/config", Cancel));
            using var complete = JsonDocument.Parse(await client.GetStringAsync("/api/v1/builds?status=complete", Cancel));
            var token = DockerDaemon.Check("exec", container, "cat", "/var/lib/kairos-factory/factory-data/secrets/api-token").Output.Trim();
            var inspect = DockerDaemon.Check("image", "inspect", "--format", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}}", Tag).Output.Trim();
            var socketSeen = DockerDaemon.Check("exec", container, "test", "-S", "/var/run/docker.sock");

            // assert: the server in the image answers; kairos-stages is found in it; the classic face is there
            Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
            Assert.Contains("\"kairos_stages\":\"ok\"", ready, StringComparison.Ordinal);
            Assert.Contains("<title>Kairos Factory</title>", page, StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, config.RootElement.GetProperty("default_kairos_init_version").ValueKind);
            Assert.Equal(0, complete.RootElement.GetProperty("total").GetInt32());
            Assert.Matches("^[A-Za-z0-9_-]{20,}$", token);
            Assert.Equal("[\"/opt/kairos-factory/kairos-factory\"] [\"web\"] {\"8080/tcp\":{}}", inspect);
            Assert.Equal(0, socketSeen.Code);
            Figures.Report("docker-factory-image", 1, 1, build.Elapsed, $"kairos-factory image built on {DockerImages.DebianTag} and answering 'web' (Docker {DockerDaemon.ServerVersion()} + BuildKit)");
        }
        finally
        {
            DockerDaemon.Run("rm", "-f", container);
            DockerDaemon.Run("rmi", "-f", Tag);
            Directory.Delete(context, recursive: true);
        }
    }

    private static string? FactoryMissing()
    {
        if (File.Exists(Path.Combine(FactoryDirectory, "kairos-factory")))
        {
            return PublishedBinary.Missing();
        }

        var message = $"the published server {FactoryDirectory}/kairos-factory is missing: run build/publish-factory.sh first (or set KAIROS_FACTORY_PUBLISHED)";
        return Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(message) : message;
    }

    /// <summary>Polls until the path answers 200 (the server starts in a second or two); fails with the container's log after a minute.</summary>
    private static async Task<string> AnswerAsync(HttpClient client, string path, string container)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path, Cancel);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(Cancel);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "the Factory in the container never answered:\n" + DockerDaemon.Run("logs", container).Tail);
            await Task.Delay(250, Cancel);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

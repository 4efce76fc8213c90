using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The Factory's container image (src/Kairos.Factory/Dockerfile) built by real Docker + BuildKit on the imported
/// Debian 12 root, from the binaries build/publish.sh and build/publish-factory.sh leave in out/linux-x64, then run
/// with the Kairos documents' own line, <see cref="DocumentedLine"/>, as written (only the image name is ours), under
/// a pseudo-terminal for its <c>-ti</c>; then one build over the API, through the host's Docker (the image's default
/// builder there), on kairos-generic:1.0.0 (examples/generic, which the Docker tests build anyway) as version 1.0.1, with the stand-in artifact set (a test fixture: no GitHub here) the test
/// puts into the image with <c>--build-arg ARTIFACTS</c>. .ci/run's dockerd publishes ports on 127.0.0.1 only (<c>--ip</c>), listens on
/// /var/run/docker.sock too, and runs containers through .ci/runc-in-sandbox (this sandbox lacks CAP_SYS_RESOURCE,
/// which <c>--privileged</c> asks for); see .ci/run.
/// </summary>
[Collection("Containers")]
[Slow(SlowKind.Engine)]
public sealed class FactoryImageTests(DockerImages images)
{
    private const string Tag = "kairos-factory-test";

    /// <summary>The documents' <c>web</c> line (AuroraBoot's image name replaced by ours).</summary>
    private const string DocumentedLine = "docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock --rm -ti -p 8080:8080 " + Tag + " web";

    private const string DocumentedSocket = "/var/run/docker.sock";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The self-contained server build/publish-factory.sh makes: $KAIROS_FACTORY_PUBLISHED, or out/linux-x64/factory.</summary>
    private static string FactoryDirectory => Environment.GetEnvironmentVariable("KAIROS_FACTORY_PUBLISHED") is { Length: > 0 } given
        ? given
        : Path.Combine(KairosStagesImage.RepositoryDirectory, "out/linux-x64/factory");

    [Fact]
    public async Task Factory_image_runs_web_with_the_docker_socket_answers_health_page_and_classic_api_and_builds_through_the_hosts_docker()
    {
        if ((DockerImages.Unavailable() ?? FactoryMissing()) is { } why)
        {
            Assert.Skip(why);
        }

        images.StagesImage(); // debian:12, the imported root, is the Dockerfile's default BASE
        images.Generic(); // kairos-generic:1.0.0, the build's base (the Docker tests build it once for all)
        if (DocumentedLineUnavailable() is { } cannot)
        {
            Assert.Skip(cannot);
        }

        var context = Directory.CreateTempSubdirectory("kf-image-context-").FullName;
        Process? documented = null;
        try
        {
            // arrange: a context laid out as the two publish scripts leave out/linux-x64
            var published = Directory.CreateDirectory(Path.Combine(context, "out/linux-x64")).FullName;
            File.Copy(PublishedBinary.Path, Path.Combine(published, "kairos-stages"));
            Programs.Run("cp", "-a", FactoryDirectory, Path.Combine(published, "factory"));
            Directory.CreateDirectory(Path.Combine(context, "build"));
            File.Copy(Path.Combine(KairosStagesImage.RepositoryDirectory, "build/install-deps.sh"), Path.Combine(context, "build/install-deps.sh"));
            DebianBase.CreateStandInArtifacts(Path.Combine(context, "out")); // out/artifacts, the fixture set
            var dockerfile = Path.Combine(KairosStagesImage.RepositoryDirectory, "src/Kairos.Factory/Dockerfile");
            var build = DockerDaemon.Run("build", "--progress", "plain", "--network", "host", "--build-arg", "ARTIFACTS=out/artifacts", "-f", dockerfile, "-t", Tag, context);
            Assert.True(build.Code == 0, build.Tail);

            // act: the documents' line, as written, with a terminal for -ti
            documented = StartDocumentedLine();
            using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
            var health = await AnswerAsync(client, "/api/v1/healthz", documented);
            var container = DockerDaemon.Check("ps", "--quiet", "--filter", "ancestor=" + Tag).Output.Trim();
            var ready = await client.GetStringAsync("/api/v1/readyz", Cancel);
            var page = await client.GetStringAsync("/", Cancel);
            using var config = JsonDocument.Parse(await client.GetStringAsync("/api/v1/config", Cancel));
            using var complete = JsonDocument.Parse(await client.GetStringAsync("/api/v1/builds?status=complete", Cancel));
            var token = DockerDaemon.Check("exec", container, "cat", "/var/lib/kairos-factory/factory-data/secrets/api-token").Output.Trim();
            var inspect = DockerDaemon.Check("image", "inspect", "--format", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}}", Tag).Output.Trim();
            var privileged = DockerDaemon.Check("inspect", "--format", "{{.HostConfig.Privileged}} {{.HostConfig.AutoRemove}}", container).Output.Trim();
            var port = DockerDaemon.Check("port", container, "8080/tcp").Output.Trim();
            var socketSeen = DockerDaemon.Run("exec", container, "test", "-S", DocumentedSocket);
            var clientInImage = DockerDaemon.Run("exec", container, "docker", "version", "--format", "{{.Client.Version}} {{.Server.Version}}");
            var built = await FactoryImageBuild.RunAsync(client, token, DockerImages.GenericTag, Cancel);
            var stopped = DockerDaemon.Run("stop", container);
            var exited = documented.WaitForExit(TimeSpan.FromSeconds(60));
            var left = DockerDaemon.Check("ps", "--all", "--quiet", "--filter", "ancestor=" + Tag).Output.Trim();

            // assert: the server in the image answers on the published port; kairos-stages is found in it; the classic
            // face is there; the container is privileged, holds the socket, stops on SIGTERM and is removed (--rm)
            Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
            Assert.Contains("\"kairos_stages\":\"ok\"", ready, StringComparison.Ordinal);
            Assert.Contains("<title>Kairos Factory</title>", page, StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, config.RootElement.GetProperty("default_kairos_init_version").ValueKind);
            Assert.Equal(0, complete.RootElement.GetProperty("total").GetInt32());
            Assert.Matches("^[A-Za-z0-9_-]{20,}$", token);
            Assert.Equal("[\"/opt/kairos-factory/kairos-factory\"] [\"web\"] {\"8080/tcp\":{}}", inspect);
            Assert.Equal("true true", privileged);
            Assert.Equal("127.0.0.1:8080", port);
            Assert.Equal(0, socketSeen.Code);
            Assert.Equal($"{DockerDaemon.ServerVersion()} {DockerDaemon.ServerVersion()}", clientInImage.Output.Trim());

            // the build: the server's default builder in the image is docker, and the host's dockerd ran it (its BuildKit
            // step lines in the log); the rootfs artifact is a real tar holding the built image's kairos-release
            Assert.True(built.Status == "complete", $"build {built.Id}: {built.Status} {built.Message}\n{built.Log[Math.Max(0, built.Log.Length - 4000)..]}");
            Assert.Equal("docker", built.Builder);
            Assert.Matches(@"\[rootfs\] #\d+ \[\d/\d\] RUN \[""/kairos-stages/kairos-stages"",""run"",""--stage"",""install""", built.Log);
            Assert.Contains("--artifacts-dir\",\"/kairos-stages/artifacts", built.Log, StringComparison.Ordinal);
            var release = FactoryImageBuild.ReadFromTar(built.Rootfs!, "etc/kairos-release");
            Assert.Contains("KAIROS_VERSION=\"v1.0.1\"\n", release, StringComparison.Ordinal); // the base says v1.0.0
            Assert.Contains("KAIROS_FLAVOR_RELEASE=12\n", release, StringComparison.Ordinal);
            Assert.True(stopped.Code == 0 && exited, $"docker stop: {stopped.Tail}; the documented line still running: {!exited}");
            Assert.Equal("", left);
            Figures.Report("docker-factory-image-build", 1, 1, built.Elapsed, $"a rootfs built by the Factory in its image through the host's dockerd (kairos-generic:1.0.0 base rebuilt as 1.0.1, default builder docker): {built.Rootfs!.Length >> 20} MiB");
            Figures.Report("docker-factory-image", 1, 1, build.Elapsed, $"kairos-factory image built on {DockerImages.DebianTag}, '{DocumentedLine}' answering on 127.0.0.1:8080 (Docker {DockerDaemon.ServerVersion()} + BuildKit)");
        }
        finally
        {
            if (documented is { HasExited: false })
            {
                DockerDaemon.Run("rm", "-f", DockerDaemon.Run("ps", "--quiet", "--filter", "ancestor=" + Tag).Output.Trim());
                documented.Kill(entireProcessTree: true);
            }

            documented?.Dispose();
            DockerDaemon.Run("rmi", "-f", Tag);
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>
    /// Why the documents' line cannot run as written here, or null: it needs the daemon of DOCKER_HOST on
    /// /var/run/docker.sock (it mounts that path) and 127.0.0.1:8080 free. In CI both hold (.ci/run), so a miss fails.
    /// </summary>
    private static string? DocumentedLineUnavailable()
    {
        var ours = DockerDaemon.Check("info", "--format", "{{.DockerRootDir}}").Output.Trim();
        var documented = DockerDaemon.Run("--host", "unix://" + DocumentedSocket, "info", "--format", "{{.DockerRootDir}}");
        var why = documented.Code != 0 || documented.Output.Trim() != ours
                ? $"the documents' line mounts {DocumentedSocket}, which is not the daemon of DOCKER_HOST here (.ci/run makes it so)"
            : !PortFree(8080) ? "the documents' line publishes port 8080, which is in use on this machine"
            : null;
        return why is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(why) : why;
    }

    /// <summary>Starts <see cref="DocumentedLine"/> under <c>script</c> (a pseudo-terminal for -ti), with Debian's docker client first on PATH.</summary>
    private static Process StartDocumentedLine()
    {
        var start = new ProcessStartInfo("script", ["--quiet", "--return", "--command", DocumentedLine, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in DockerDaemon.EnvironmentForOtherPrograms())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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

    /// <summary>Polls until the path answers 200 (the server starts in a second or two); fails after a minute or when the line ended.</summary>
    private static async Task<string> AnswerAsync(HttpClient client, string path, Process documented)
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

            Assert.False(documented.HasExited, $"'{DocumentedLine}' ended with exit code {(documented.HasExited ? documented.ExitCode : 0)} before answering");
            Assert.True(DateTime.UtcNow < deadline, $"the Factory started by '{DocumentedLine}' never answered on 127.0.0.1:8080");
            await Task.Delay(250, Cancel);
        }
    }

    private static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

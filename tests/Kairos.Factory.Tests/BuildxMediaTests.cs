using System.Net.Http.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 30: with <c>serve --buildx-builder NAME</c> no step of a build runs on the server's host either. A real server
/// whose docker client is <c>buildx-on-dockerd.sh</c> (the Factory's <c>buildx build --builder NAME ARGS</c> built as
/// <c>docker build ARGS</c> by dockerd's BuildKit: there is no remote BuildKit here) builds a Debian 12 Trusted Boot
/// image asking for the UKI ISO and tree: the generated Dockerfile carries the tools stage (tools.Containerfile FROM
/// <c>--tools-base</c>), which BuildKit builds itself, and the media stages over it, exported with <c>--target media-out
/// --output type=local</c>; the server keeps no tools image and runs nothing but the client.
/// </summary>
[Slow(SlowKind.Engine)]
[Collection(KeyedDockerServer.Collection)]
public sealed class BuildxMediaTests
{
    private const string BaseImage = "localhost/kairos-factory-test/buildx-debian:12";

    [Fact]
    public async Task A_buildx_build_makes_its_media_inside_BuildKit_from_a_tools_stage_of_its_own_Dockerfile()
    {
        if ((DebianBase.Unavailable() ?? DockerDaemon.Unavailable()) is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellation = TestContext.Current.CancellationToken;
        var scratch = Directory.CreateTempSubdirectory("kf-buildx-media-").FullName;
        var artifacts = FixtureArtifacts.Create();
        var client = FactoryHost.Fixture("buildx-on-dockerd.sh");
        try
        {
            // arrange: the operator's keys, the debootstrap root as the base and the tools base, a real server with a buildx builder
            var (server, keys) = await KeyedDockerServer.StartAsync(scratch, BaseImage, "Factory buildx test", client, artifacts, ["--buildx-builder", "remote-buildkit"], cancellation);
            using var _ = server;

            // act
            var request = new BuildRequest { Image = BaseImage, Version = "1.0.0", Architecture = "amd64", TrustedBoot = true, Artifacts = new BuildArtifactsRequest { Iso = true, Uki = true } };
            using var created = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json, cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json, cancellation))!.Id;
            var (lines, status) = await BootedIsoEndToEndTests.FollowLogAsync(server.Client, id, cancellation);

            // assert: one buildx call, of the media target, its keys as secrets, exported as files
            Assert.True(status == "succeeded", $"the build ended {status}; log tail:\n{string.Join('\n', lines.TakeLast(40))}");
            var commands = lines.Where(line => line.Contains("] $ ", StringComparison.Ordinal)).ToList();
            var media = Assert.Single(commands);
            Assert.Contains($"[media] $ {client} buildx build --builder remote-buildkit --platform linux/amd64 --file ", media, StringComparison.Ordinal);
            Assert.Contains(" --target media-out --secret id=uki-key-0,src=" + keys + "/", media, StringComparison.Ordinal);
            Assert.Contains(" --output type=local,dest=", media, StringComparison.Ordinal);
            // BuildKit built the tools stage (install-deps.sh's packages by apt) and ran build-uki over the image stage
            Assert.Contains(lines, line => line.Contains("[media] #", StringComparison.Ordinal) && line.Contains("[tools ", StringComparison.Ordinal) && line.Contains("apt-get", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[media] ", StringComparison.Ordinal) && line.Contains(" + sections (objcopy)", StringComparison.Ordinal));
            Assert.Equal("", DockerDaemon.Try("image", "ls", "--quiet", Kairos.Factory.Builders.ToolsImage.Repository).Output.Trim());

            // the downloads, named from the built kairos-release; the tree's UKI signed with the server's db key
            var listed = (await server.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{id}/artifacts", FactoryHost.Json, cancellation))!;
            var iso = Assert.Single(listed, artifact => artifact.Name.EndsWith(".iso", StringComparison.Ordinal));
            var stem = iso.Name[..^"-uki.iso".Length];
            Assert.Matches(TrustedBootJobEndToEndTests.ReleaseName(), stem);
            Assert.Equal([stem + "-uki.iso", stem + "-uki.iso.sha256", stem + "-uki.tar", stem + "-uki.tar.sha256"], listed.Select(artifact => artifact.Name).Order(StringComparer.Ordinal));
            var isoFile = await TrustedBootJobEndToEndTests.DownloadAsync(server.Client, iso, scratch, cancellation);
            Assert.Contains("Volume Id    : UKI_ISO_INSTALL", TrustedBootJobEndToEndTests.Run("xorriso", "-indev", isoFile, "-pvd_info"), StringComparison.Ordinal);
            var treeFile = await TrustedBootJobEndToEndTests.DownloadAsync(server.Client, listed.Single(artifact => artifact.Name == stem + "-uki.tar"), scratch, cancellation);
            var tree = Directory.CreateDirectory(Path.Combine(scratch, "tree")).FullName;
            TrustedBootJobEndToEndTests.Run("tar", "-xf", treeFile, "-C", tree);
            Assert.Contains("Signature verification OK", TrustedBootJobEndToEndTests.Run("sbverify", "--cert", Path.Combine(keys, "db.pem"), Path.Combine(tree, "EFI", "kairos", "norole.efi")), StringComparison.Ordinal);
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), "the server ignored SIGTERM:\n" + server.Output);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            if (DockerDaemon.Unavailable() is null)
            {
                DockerDaemon.Try("image", "rm", BaseImage);
            }

            Directory.Delete(scratch, recursive: true);
        }
    }
}

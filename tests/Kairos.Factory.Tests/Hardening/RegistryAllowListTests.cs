using System.Net;
using System.Net.Http.Json;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>Issue 25, item 14: the docker builder's FROM on a buildx builder (serve --buildx-builder) pulls only from allowed registries (default: localhost, the local store).</summary>
public sealed class RegistryAllowListTests
{
    [Fact]
    public async Task A_buildx_base_image_from_a_registry_not_allowed_is_refused_naming_image()
    {
        // the default: localhost only
        await AssertAllowedAsync([], ("169.254.169.254/metadata:1", false), ("docker.io/library/debian:12", false), ("debian:12", false),
            ("localhost:5000/x:1", false), ("localhost/x:1", true));

        // --allowed-registry: that host and port only
        await AssertAllowedAsync(["--allowed-registry", "registry.example.org:5000"], ("registry.example.org/x:1", false), ("localhost/x:1", false),
            ("registry.example.org:5000/x:1", true));
    }

    private static async Task AssertAllowedAsync(string[] flags, params (string Image, bool Allowed)[] cases)
    {
        using var dataDirRoot = new TempRoot("kf-registry-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-ok.sh", ["--buildx-builder", "remote", .. flags]));
        foreach (var (image, allowed) in cases)
        {
            // no version: a request that is never queued, whatever the image
            var request = Requests.Podman(image) with { Builder = "docker", Version = null };
            using var response = await server.Client.PostAsJsonAsync("/api/v1/builds", request, FactoryHost.Json);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"version\"", body, StringComparison.Ordinal);
            Assert.True(allowed != body.Contains("\"image\"", StringComparison.Ordinal), $"{image}: {body}");
        }
    }
}

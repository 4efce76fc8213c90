using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issues 27 and 28 in the API: the disk, cloud, netboot and Trusted Boot outputs are requested by name, checked
/// against what the image can make and against the server's keys (given to serve, never in a request), listed by
/// GET /config and described in the OpenAPI document.
/// </summary>
public sealed class MediaOutputsApiTests
{
    private const string Base = "\"image\":\"localhost/debian:12\",\"version\":\"1.0.0\",\"architecture\":\"amd64\",\"builder\":\"podman\",";

    public static TheoryData<string, string, string, bool> BadRequests => new()
    {
        // body, field named, words of the message, server has keys
        { "\"artifacts\":{\"raw_efi\":true,\"qcow2\":true}", "artifacts.qcow2", "is not a field of a build request", false },
        { "\"trusted_boot\":true,\"artifacts\":{\"iso\":true}", "trusted_boot", "kairos-factory serve --uki-keys DIR", false },
        { "\"artifacts\":{\"uki\":true}", "artifacts.uki", "set trusted_boot to true", true },
        { "\"artifacts\":{\"uki-container\":true}", "artifacts.uki-container", "set trusted_boot to true", true },
        { "\"trusted_boot\":true,\"artifacts\":{\"iso\":true,\"raw_efi\":true}", "artifacts.raw_efi", "boots only from signed UKIs", true },
        { "\"trusted_boot\":true,\"artifacts\":{\"netboot\":true}", "artifacts.netboot", "boots only from signed UKIs", true },
        { "\"trusted_boot\":true,\"uki_keys\":\"/etc/keys\",\"artifacts\":{\"iso\":true}", "uki_keys", "is not a field of a build request", true },
        { "\"trusted_boot\":true,\"signing\":{\"ukiSecureBootKey\":\"/etc/db.key\"},\"artifacts\":{\"iso\":true}", "signing", "is not a field of a build request", true },
        { "\"artifacts\":{\"gcp\":true}", "artifacts.gcp", "as gce", false },
        { "\"artifacts\":{\"raw_image\":true}", "artifacts.raw_image", "raw_efi or raw_bios", false },
        { "\"artifacts\":{\"vhd\":\"yes\"}", "artifacts.vhd", "wrong JSON type", false },
        { "\"artifacts\":{\"raw_efi\":false,\"maas\":false}", "artifacts", "pick at least one of iso, oci, rootfs, raw_efi, raw_bios, vhd, gce, maas, netboot, uki, uki-container", false },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_media_request_the_image_or_server_cannot_make_is_a_400_naming_the_field(string fields, string field, string message, bool keys)
    {
        var keysDir = Directory.CreateTempSubdirectory("kf-keys-").FullName;
        try
        {
            using var host = new FactoryHost(options => options with { UkiKeysDir = keys ? keysDir : null });

            using var response = await host.Authorized.PostAsync("/api/v1/builds", new StringContent("{" + Base + fields + "}", Encoding.UTF8, "application/json"));
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
            Assert.Contains(message, string.Join('\n', messages.EnumerateArray().Select(m => m.GetString())), StringComparison.Ordinal);
            Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
        }
        finally
        {
            Directory.Delete(keysDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(false, "raw_efi", "raw_bios", "vhd", "gce", "maas", "netboot", "iso")]
    [InlineData(true, "iso", "uki", "uki-container", "oci")]
    public async Task Every_output_the_image_can_make_is_accepted_and_kept_by_its_name(bool trustedBoot, params string[] names)
    {
        var keysDir = Directory.CreateTempSubdirectory("kf-keys-").FullName;
        try
        {
            using var host = new FactoryHost(options => options with { UkiKeysDir = keysDir });
            var artifacts = string.Join(',', names.Select(name => $"\"{name}\":true"));

            using var response = await host.Authorized.PostAsync("/api/v1/builds", new StringContent("{" + Base + $"\"trusted_boot\":{(trustedBoot ? "true" : "false")},\"artifacts\":{{{artifacts}}}}}", Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
            var job = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/v1/builds/{id}")).RootElement;

            var kept = job.GetProperty("artifacts").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name).Order(StringComparer.Ordinal);
            Assert.Equal(names.Order(StringComparer.Ordinal), kept);
            Assert.Equal(trustedBoot, job.GetProperty("trusted_boot").GetBoolean());
        }
        finally
        {
            Directory.Delete(keysDir, recursive: true);
        }
    }

    [Fact]
    public async Task Config_offers_every_output_and_says_whether_the_server_signs_Trusted_Boot_builds()
    {
        var keysDir = Directory.CreateTempSubdirectory("kf-keys-").FullName;
        try
        {
            using var without = new FactoryHost();
            using var with = new FactoryHost(options => options with { UkiKeysDir = keysDir });

            var plain = (await without.Client.GetFromJsonAsync<ConfigView>("/api/v1/config", FactoryHost.Json))!;
            var signing = (await with.Client.GetFromJsonAsync<ConfigView>("/api/v1/config", FactoryHost.Json))!;

            Assert.Equal(["iso", "netboot", "uki", "uki-container", "raw_efi", "raw_bios", "vhd", "gce", "maas", "oci", "rootfs"], plain.Artifacts);
            Assert.False(plain.TrustedBootKeys);
            Assert.True(signing.TrustedBootKeys);
        }
        finally
        {
            Directory.Delete(keysDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_each_output_and_the_example_asks_for_disks()
    {
        using var host = new FactoryHost();
        var document = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/openapi.json")).RootElement;
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("BuildArtifactsRequest");
        var properties = schema.GetProperty("properties");

        foreach (var (name, words) in new[]
        {
            ("raw_efi", "--firmware efi"), ("raw_bios", "--firmware bios"), ("vhd", "NAME.raw.vhd"), ("gce", "NAME.raw.gce.tar.gz"), ("maas", "NAME.raw.gz"),
            ("netboot", "NAME-netboot.tar"), ("uki", "NAME-uki.tar"), ("uki-container", "NAME-uki.oci.tar"), ("iso", "trusted_boot"),
        })
        {
            Assert.True(properties.TryGetProperty(name, out var property), $"{name} is not in the schema");
            Assert.Contains(words, property.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        var example = document.GetProperty("components").GetProperty("schemas").GetProperty("BuildRequest").GetProperty("examples")[0].GetProperty("artifacts");
        Assert.True(example.GetProperty("raw_efi").GetBoolean());
        Assert.True(example.GetProperty("gce").GetBoolean());
    }
}

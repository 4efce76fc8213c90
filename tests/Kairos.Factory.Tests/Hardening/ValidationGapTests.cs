using System.Net;
using System.Text;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 13: what passed validation and failed later (or never): a 256-character version, NUL and application
/// tags in a cloud-config, a transport as an image name, duplicate JSON keys; each is refused with a problem naming the field.
/// </summary>
public sealed class ValidationGapTests
{
    [Fact]
    public async Task Each_gap_is_refused_at_request_time_naming_the_field()
    {
        using var dataDirRoot = new TempRoot("kf-gaps-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());
        var upload = await server.UploadAsync();
        var fields = $"\"base_upload\":\"{upload}\",\"architecture\":\"amd64\",\"builder\":\"fixture\",\"artifacts\":{{\"rootfs\":true}}";
        var cases = new (string Body, string Field, string Problem)[]
        {
            ($"{{{fields},\"version\":\"1.0.0-{new string('a', 250)}\"}}", "version", "is longer than 64 characters"),
            ($"{{{fields},\"version\":\"1.0.0\",\"cloud_config\":\"#cloud-config\\nhostname: a\\u0000b\\n\"}}", "cloud_config", "NUL"),
            ($"{{{fields},\"version\":\"1.0.0\",\"cloud_config\":\"#cloud-config\\nhostname: !python/object x\\n\"}}", "cloud_config", "uses the YAML tag '!python/object'"),
            ("{\"image\":\"dir:foo\",\"version\":\"1.0.0\",\"architecture\":\"amd64\",\"builder\":\"podman\",\"artifacts\":{\"oci\":true}}", "image", "transport"),
            ($"{{{fields},\"version\":\"1.0.0\",\"version\":\"2.0.0\"}}", "version", "duplicate"),
        };

        foreach (var (body, field, problem) in cases)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await server.Client.PostAsync("/api/v1/builds", content);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} ({problem}): {(int)response.StatusCode} {text}");
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
            Assert.Contains(problem, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Api.JobList>(server.Client, "/api/v1/builds", FactoryHost.Json))!.Total);
    }
}

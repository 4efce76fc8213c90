using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// The classic Factory's (AuroraBoot v0.6–v0.19 <c>web</c>) API face on our job model: its JobData body (with
/// kairos_init_version), <c>uuid</c> in answers and list items, <c>complete</c> as the finished status, its
/// /builds/UUID/artifacts/FILE download URL and GET /api/v1/config's default_kairos_init_version.
/// </summary>
public sealed class ClassicApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The classic JobData as its clients send it: every field, empty strings for the unused ones.</summary>
    private const string ClassicJobData = """
        {"variant":"core","model":"generic","architecture":"amd64","trusted_boot":false,"kubernetes_distribution":"","kubernetes_version":"","image":"ubuntu:24.04","version":"v1.0.0","kairos_init_version":"v0.5.0","cloud_config":"","artifacts":{"raw_image":false,"iso":true,"container_file":true,"aws":false,"gcp":false,"azure":false}}
        """;

    [Fact]
    public async Task Classic_JobData_is_queued_answering_uuid_and_a_warning_that_kairos_init_version_is_ignored()
    {
        // the podman builder with a podman that does not exist: the build is queued, then fails fast without running anything
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman", Podman = "/nonexistent/podman" });

        // act
        using var created = await host.Authorized.PostAsync("/api/v1/builds", new StringContent(ClassicJobData, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        using var list = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/builds"));
        var item = Assert.Single(list.RootElement.GetProperty("builds").EnumerateArray());

        // assert: the classic client reads uuid; the ignored field is named, not silently dropped
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var uuid = body.GetProperty("uuid").GetString();
        Assert.Equal(body.GetProperty("id").GetString(), uuid);
        var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("kairos_init_version 'v0.5.0' is ignored", warning, StringComparison.Ordinal);
        Assert.Equal(uuid, item.GetProperty("uuid").GetString());
        Assert.Equal(uuid, item.GetProperty("id").GetString());
        Assert.Equal("v1.0.0", item.GetProperty("version").GetString());
        Assert.Equal("ubuntu:24.04", item.GetProperty("image").GetString());
        Assert.Equal(1, list.RootElement.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("$(reboot)")]
    [InlineData("latest; rm -rf /")]
    [InlineData("v0.5")]
    public async Task A_kairos_init_version_that_is_no_release_is_400_naming_the_field_and_nothing_is_queued(string value)
    {
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman", Podman = "/nonexistent/podman" });
        var request = ClassicJobData.Replace("\"v0.5.0\"", JsonSerializer.Serialize(value), StringComparison.Ordinal);

        // act
        using var response = await host.Authorized.PostAsync("/api/v1/builds", new StringContent(request, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var page = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!;

        // assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a kairos-init release", problem.GetProperty("errors").GetProperty("kairos_init_version")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task Classic_status_names_say_complete_filter_by_it_and_the_classic_download_url_serves_the_file()
    {
        using var host = new FactoryHost(options => options with { ClassicStatusNames = true });
        var upload = await host.UploadAsync(BaseTarball.Busybox());
        var request = Requests.Upload(upload) with { KairosInitVersion = "v0.5.0" };

        // act: the classic client polls GET /api/v1/builds/{uuid} until complete or failed
        var uuid = await host.CreateOkAsync(request);
        var job = await host.WaitForAsync(uuid, Timeout, "complete", "failed");
        using var complete = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/builds?status=complete"));
        var artifacts = (await host.Client.GetFromJsonAsync<List<ArtifactView>>($"/api/v1/builds/{uuid}/artifacts", FactoryHost.Json))!;
        var rootfs = artifacts.Single(artifact => artifact.Name.EndsWith(".rootfs.tar", StringComparison.Ordinal));
        var classicUrl = $"/builds/{uuid}/artifacts/{rootfs.Name}";
        var bytes = await host.Authorized.GetByteArrayAsync(classicUrl);
        using var anonymous = await host.Anonymous.GetAsync(classicUrl);
        using var unknown = await host.Authorized.GetAsync($"/builds/{uuid}/artifacts/..%2F..%2Ffactory.db");

        // assert
        Assert.True(job.Status == "complete", job.Message);
        Assert.Equal(uuid, job.Uuid);
        var item = Assert.Single(complete.RootElement.GetProperty("builds").EnumerateArray());
        Assert.Equal(uuid, item.GetProperty("uuid").GetString());
        Assert.Equal("complete", item.GetProperty("status").GetString());
        Assert.Equal(rootfs.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Serve_keeps_succeeded_and_still_takes_the_classic_complete_filter()
    {
        using var host = new FactoryHost();
        var uuid = await host.CreateOkAsync(Requests.Upload(await host.UploadAsync(BaseTarball.Busybox())));

        // act
        var job = await host.WaitForAsync(uuid, Timeout, "succeeded", "failed", "complete");
        var filtered = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds?status=complete", FactoryHost.Json))!;
        using var bogus = await host.Client.GetAsync("/api/v1/builds?status=assigned");

        // assert
        Assert.True(job.Status == "succeeded", job.Message);
        Assert.Equal(uuid, Assert.Single(filtered.Builds).Uuid);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
    }

    [Fact]
    public async Task Config_names_default_kairos_init_version_as_null_so_a_client_sending_it_back_gets_no_warning()
    {
        using var host = new FactoryHost();

        // act
        using var config = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/config"));

        // assert: the key exists (a classic client reads it) and is null
        Assert.Equal(JsonValueKind.Null, config.RootElement.GetProperty("default_kairos_init_version").ValueKind);
    }

    [Fact]
    public async Task The_classic_download_url_and_the_classic_field_are_in_the_OpenAPI_document()
    {
        using var host = new FactoryHost();

        // act
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/openapi.json"));

        // assert
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/builds/{id}/artifacts/{name}").TryGetProperty("get", out var download));
        Assert.True(download.GetProperty("responses").TryGetProperty("401", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Contains("ignored", schemas.GetProperty("BuildRequest").GetProperty("properties").GetProperty("kairos_init_version").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(schemas.GetProperty("BuildCreated").GetProperty("properties").TryGetProperty("warnings", out _));
        Assert.True(schemas.GetProperty("JobView").GetProperty("properties").TryGetProperty("uuid", out _));
    }

    [Fact]
    public async Task Without_the_token_a_classic_create_is_401_and_says_how_to_send_it()
    {
        // the classic Factory had no authentication; this one keeps its token for every change (README: Security model)
        using var host = new FactoryHost();
        using var content = new StringContent(ClassicJobData, Encoding.UTF8, "application/json");

        // act
        using var response = await host.Anonymous.PostAsync("/api/v1/builds", content);

        // assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", "realm=\"kairos-factory\"").ToString(), response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task The_classic_pages_multipart_start_form_queues_a_build_answering_200_with_uuid_and_warnings()
    {
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman", Podman = "/nonexistent/podman" });
        using var form = ClassicForm(("base_image", "byoi"), ("byoi_image", "localhost/debian:12"));

        // act
        using var response = await host.Authorized.PostAsync("/start", form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var uuid = body.GetProperty("uuid").GetString()!;
        var job = await host.GetAsync(uuid);

        // assert: the classic answer (200, uuid); the build is the form's; what is not done is said
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("localhost/debian:12", job.Image);
        Assert.Equal("v1.0.0", job.Version);
        Assert.True(job.Artifacts.Iso);
        Assert.False(job.Artifacts.Oci);
        var warnings = body.GetProperty("warnings").EnumerateArray().Select(warning => warning.GetString()!).ToList();
        Assert.Contains(ClassicStartForm.NoRawWarning, warnings);
        Assert.Contains(warnings, warning => warning.StartsWith("kairos_init_version 'v0.5.0' is ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("image", "is not a field of the classic Factory's form")]
    [InlineData("version", "is given more than once")]
    public async Task A_start_form_with_a_field_it_never_had_or_twice_is_400_naming_it_and_nothing_is_queued(string field, string message)
    {
        using var host = new FactoryHost(options => options with { DefaultBuilder = "podman", Podman = "/nonexistent/podman" });
        using var form = ClassicForm(("base_image", "debian:12"), (field, "v2.0.0"));

        // act
        using var response = await host.Authorized.PostAsync("/start", form);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var page = (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!;

        // assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task A_start_form_without_the_token_is_401_and_a_json_body_is_415()
    {
        using var host = new FactoryHost();
        using var form = ClassicForm(("base_image", "debian:12"));
        using var json = new StringContent(ClassicJobData, Encoding.UTF8, "application/json");

        // act
        using var anonymous = await host.Anonymous.PostAsync("/start", form);
        using var notAForm = await host.Authorized.PostAsync("/start", json);

        // assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
    }

    /// <summary>The fields the classic page's form posts for a core amd64 ISO, plus <paramref name="extra"/>.</summary>
    private static MultipartFormDataContent ClassicForm(params (string Name, string Value)[] extra)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[]
        {
            ("variant", "core"), ("architecture", "amd64"), ("model", "generic"), ("kubernetes_distribution", "k3s"),
            ("kubernetes_release", ""), ("version", "v1.0.0"), ("kairos_init_version", "v0.5.0"), ("cloud_config", ""),
            ("artifact_iso", "on"),
        }.Concat(extra))
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}

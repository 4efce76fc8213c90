using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>Every field is validated before anything runs: 400 problem details naming the field, nothing queued, nothing run.</summary>
public sealed class BadInputTests
{
    private static BuildRequest Valid => new()
    {
        Image = "localhost/debian:12",
        Version = "1.0.0",
        Architecture = "amd64",
        Builder = "podman",
        Artifacts = new BuildArtifactsRequest { Oci = true },
    };

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"version":"1.0.0","architecture":"amd64","artifacts":{"oci":true}}""", "image" },
        { """{"image":"Debian:12","version":"1.0.0","architecture":"amd64","artifacts":{"oci":true}}""", "image" },
        { """{"image":"debian:12","version":"1.2","architecture":"amd64","artifacts":{"oci":true},"builder":"podman","version2":1}""", "version2" },
        { """{"image":"debian:12","version":"one","architecture":"amd64","artifacts":{"oci":true}}""", "version" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"s390x","artifacts":{"oci":true}}""", "architecture" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","model":"rpi4","artifacts":{"oci":true}}""", "model" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"arm64","model":"nvidia-jetson-thor","artifacts":{"oci":true}}""", "model" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","variant":"standard","artifacts":{"oci":true}}""", "kubernetes_distribution" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","kubernetes_distribution":"rke2","artifacts":{"oci":true}}""", "kubernetes_distribution" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","kubernetes_distribution":"k3s","kubernetes_version":"latest","artifacts":{"oci":true}}""", "kubernetes_version" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","kubernetes_distribution":"k3s","kubernetes_version":"v1.32.1+k3s1","kubernetes_release":"v1.31.0+k3s1","artifacts":{"oci":true}}""", "kubernetes_release" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","cloud_config":"users: [","artifacts":{"oci":true}}""", "cloud_config" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","cloud_config":"#cloud-config\nusers: [","artifacts":{"oci":true}}""", "cloud_config" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","builder":"kaniko","artifacts":{"oci":true}}""", "builder" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","artifacts":{}}""", "artifacts" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","artifacts":{"oci":true,"azure":true}}""", "artifacts.azure" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","artifacts":{"oci":"yes"}}""", "artifacts.oci" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","base_upload":"0123456789abcdef0123456789abcdef","artifacts":{"oci":true}}""", "base_upload" },
        { """{"base_upload":"../../etc/passwd","version":"1.0.0","architecture":"amd64","artifacts":{"oci":true}}""", "base_upload" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","trusted_boot":"true","artifacts":{"oci":true}}""", "trusted_boot" },
        { """{"image":"ubuntu:24.04","version":"1.0.0","architecture":"amd64","fips":true,"artifacts":{"oci":true}}""", "fips" },
        { """{"image":"docker.io/library/ubuntu:22.04","version":"1.0.0","architecture":"arm64","fips":true,"artifacts":{"iso":true}}""", "fips" },
        { """{"image":"debian:12","version":"1.0.0","architecture":"amd64","fips":"yes","artifacts":{"oci":true}}""", "fips" },
        { """[1,2,3]""", "body" },
        { """{"image":""", "image" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_a_400_problem_naming_it_and_nothing_is_queued(string body, string field)
    {
        using var host = new FactoryHost();

        using var response = await host.Authorized.PostAsync("/api/v1/builds", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
    }

    [Fact]
    public async Task Injection_strings_in_every_field_are_refused_and_never_reach_a_shell()
    {
        using var host = new FactoryHost();
        var sentinel = Path.Combine(Path.GetTempPath(), "kf-pwned-" + Guid.NewGuid().ToString("N"));
        string[] attacks =
        [
            $"$(touch {sentinel})", $"`touch {sentinel}`", $"; touch {sentinel}", $"x && touch {sentinel}", $"| touch {sentinel}",
            $"debian:12\nRUN touch {sentinel}", "--privileged", "../../../../etc/shadow", "x\0y", new string('a', 300),
        ];
        string[] fields = ["image", "base_upload", "version", "architecture", "model", "variant", "kubernetes_distribution", "kubernetes_version", "kubernetes_release", "builder"];
        var cases = 0;

        foreach (var field in fields)
        {
            foreach (var attack in attacks)
            {
                // a valid request with one field replaced by the attack
                var request = JsonSerializer.SerializeToNode(Valid with { KubernetesDistribution = field.StartsWith("kubernetes", StringComparison.Ordinal) ? "k3s" : null }, FactoryHost.Json)!.AsObject();
                request[field] = attack;
                using var response = await host.Authorized.PostAsync("/api/v1/builds", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {attack}: {response.StatusCode}");
                Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), problem.ToString());
                cases++;
            }
        }

        // the cloud-config is free text: a YAML string holding an attack is a valid config, written to a file, never run
        var cloud = Valid with { CloudConfig = $"#cloud-config\nhostname: \"$(touch {sentinel})\"\n" };
        using var accepted = await host.CreateAsync(cloud);

        Assert.Equal(fields.Length * attacks.Length, cases);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(1, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
        await Task.Delay(500);
        Assert.False(File.Exists(sentinel));
    }

    [Fact]
    public async Task The_cloud_config_is_never_echoed_and_kubernetes_release_is_accepted()
    {
        using var host = new FactoryHost();
        var request = Valid with { Variant = "standard", KubernetesDistribution = "k3s", KubernetesRelease = "v1.31.2+k3s1", CloudConfig = "#cloud-config\nusers:\n  - name: kairos\n    passwd: s3cret-pass\n" };

        var id = await host.CreateOkAsync(request);
        var raw = await host.Client.GetStringAsync($"/api/v1/builds/{id}");
        var job = await host.GetAsync(id);

        Assert.DoesNotContain("s3cret-pass", raw);
        Assert.True(job.HasCloudConfig);
        Assert.Equal("v1.31.2+k3s1", job.KubernetesVersion);
        Assert.Equal("v1.0.0", job.Version);
    }

    [Fact]
    public async Task Oversized_body_and_wrong_content_type_are_refused()
    {
        using var host = new FactoryHost();
        var huge = Valid with { CloudConfig = "#cloud-config\n# " + new string('x', 300 * 1024) };

        using var tooBig = await host.CreateAsync(huge);
        using var bigConfig = await host.CreateAsync(Valid with { CloudConfig = "#cloud-config\n# " + new string('x', 70 * 1024) });
        using var text = await host.Authorized.PostAsync("/api/v1/builds", new StringContent("image=debian", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("\"body\"", await tooBig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bigConfig.StatusCode);
        Assert.Contains("\"cloud_config\"", await bigConfig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Uploads_need_the_token_and_must_be_tar_archives()
    {
        using var host = new FactoryHost();

        using var anonymous = await host.Anonymous.PostAsync("/api/v1/uploads", new ByteArrayContent(BaseTarball.Busybox()));
        using var notTar = await host.Authorized.PostAsync("/api/v1/uploads", new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', 2048))));
        using var tar = await host.Authorized.PostAsync("/api/v1/uploads", new ByteArrayContent(BaseTarball.Busybox()));
        var created = (await tar.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notTar.StatusCode);
        Assert.Equal(HttpStatusCode.Created, tar.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", created.Id);
        Assert.Equal(BaseTarball.Busybox().Length, created.Size);
        Assert.Single(Directory.GetFiles(Path.Combine(host.DataDir, "uploads")));
    }
}

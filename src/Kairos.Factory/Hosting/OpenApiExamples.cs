using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Factory.Api;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Image.Requests;

namespace Kairos.Factory.Hosting;

/// <summary>One example per schema of the API, serialised the way the API writes it.</summary>
public static class OpenApiExamples
{
    private const string Id = "0193a5f2c8e47a1b9c3d5e7f8a9b0c1d";
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private static readonly BuildRequest Request = new()
    {
        Image = "localhost/debian:12",
        Version = "1.2.3",
        Architecture = "amd64",
        Model = "generic",
        Variant = "standard",
        KubernetesDistribution = "k3s",
        KubernetesVersion = "v1.32.1+k3s1",
        TrustedBoot = false,
        Fips = true,
        CloudConfig = "#cloud-config\nusers:\n  - name: kairos\n    passwd: kairos\n",
        Artifacts = new BuildArtifactsRequest { Iso = true, Oci = true, RawEfi = true, Gce = true },
    };

    private static readonly JobView Job = new()
    {
        Id = Id,
        Uuid = Id,
        Status = "succeeded",
        CreatedAt = Created,
        StartedAt = Created.AddSeconds(2),
        FinishedAt = Created.AddMinutes(6),
        ArtifactsExpireAt = Created.AddMinutes(6).AddDays(7),
        Image = "localhost/debian:12",
        Version = "v1.2.3",
        Architecture = "amd64",
        Model = "generic",
        Variant = "standard",
        KubernetesDistribution = "k3s",
        KubernetesVersion = "v1.32.1+k3s1",
        Fips = true,
        HasCloudConfig = true,
        Builder = "podman",
        Artifacts = new BuildOutputs(true, true, false) { RawEfi = true, Gce = true },
    };

    private static readonly FipsSupport Fips = FipsRules.Bundled;

    private static readonly FormLabels Labels = FactoryCatalog.LoadBundled().Labels;

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(BuildRequest)] = Request,
        [typeof(BuildArtifactsRequest)] = Request.Artifacts!,
        [typeof(BuildOutputs)] = Job.Artifacts,
        [typeof(JobView)] = Job,
        [typeof(JobList)] = new JobList([Job], 1, 50, 0),
        [typeof(BuildCreated)] = new BuildCreated(Id, Id, "queued", []),
        [typeof(ArtifactView)] = Artifact(),
        [typeof(UploadCreated)] = new UploadCreated("7c9e6679f7424c3b9d4a1b2c3d4e5f60", 52428800, new string('a', 64)),
        [typeof(FipsSupport)] = Fips,
        [typeof(BuildRules)] = BuildRules.Current,
        [typeof(TextRule)] = BuildRules.Current.Version,
        [typeof(CloudConfigRule)] = BuildRules.Current.CloudConfig,
        [typeof(OutputRule)] = BuildRules.Current.Outputs[0],
        [typeof(FipsRefusal)] = Fips.RefusedImages[0],
        [typeof(Preset)] = new Preset("Debian 12", "debian:12"),
        [typeof(FormLabels)] = Labels,
        [typeof(OutputGroup)] = Labels.OutputGroups[0],
        [typeof(ConfigView)] = new ConfigView(
            [new Preset("Debian 12", "debian:12")], "ubuntu:24.04", ["amd64", "arm64"],
            new Dictionary<string, IReadOnlyList<string>> { ["amd64"] = ["generic"], ["arm64"] = ["generic", "rpi3", "rpi4"] },
            ["core", "standard"], new Dictionary<string, string> { ["k3s"] = "v1.32.1+k3s1", ["k0s"] = "v1.32.1+k0s.0" },
            ["podman", "docker"], "podman", OutputKinds.Names, 168, 1, 65536,
            Fips, true, BuildRules.Current, Store.JobStatus.All, Store.JobStatus.Finished, ClassicNames.Aliases, Labels),
        [typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)] = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Not Found",
            Status = 404,
            Detail = $"no build '{Id}'",
        },
        [typeof(HttpValidationProblemDetails)] = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["version"] = ["'x' is not a semantic version (e.g. 1.2.3, v1.2.3-rc1)"] })
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "The build request is invalid",
            Status = 400,
            Detail = "version: 'x' is not a semantic version (e.g. 1.2.3, v1.2.3-rc1)",
        },
        [typeof(HealthView)] = new HealthView("ready", new Dictionary<string, string> { ["store"] = "ok", ["data_dir"] = "ok", ["recovery"] = "ok", ["kairos_stages"] = "ok" }),
    };

    public static JsonNode? For(Type type) =>
        Examples.TryGetValue(type, out var example) ? JsonSerializer.SerializeToNode(example, type, FactoryJson.Options) : null;

    private static ArtifactView Artifact() => new(
        "kairos-standard-amd64-generic-v1.2.3.oci.tar", 734003200, new string('b', 64), "OCI image",
        $"/api/v1/builds/{Id}/artifacts/kairos-standard-amd64-generic-v1.2.3.oci.tar?expires=1767226500&signature=0aXw3nQ2kQyB7Zr1mH6uT4vS9eL5pC8dF2gJ0bN1oA4", Created.AddMinutes(6).AddDays(7));
}

using System.Text.RegularExpressions;
using Kairos.Factory.Api;
using Kairos.Factory.Builders;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Validation;

/// <summary>Checks every field of a request before anything runs; errors are keyed by the JSON field name.</summary>
public sealed partial class BuildRequestValidator(FactoryCatalog catalog, FactoryOptions options, ImageBuilders builders)
{
    private const int MaxFieldLength = 256;

    public (BuildSpec? Spec, Dictionary<string, string[]> Errors) Validate(BuildRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        foreach (var (field, value) in ShortFields(request))
        {
            if (value is not null && (value.Length > MaxFieldLength || value.Any(char.IsControl)))
            {
                Fail(field, $"must be at most {MaxFieldLength} characters with no control characters");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var image = Blank(request.Image);
        var upload = Blank(request.BaseUpload);
        if (image is null && upload is null)
        {
            Fail("image", "is required (or give base_upload)");
        }
        else if (image is not null && upload is not null)
        {
            Fail("base_upload", "give either image or base_upload, not both");
        }
        else if (image is not null && ImageReference.Transport(image) is { } transport)
        {
            Fail("image", $"'{image}' names the '{transport}:' transport, not an image: base images come from the local store by reference");
        }
        else if (image is not null && !ImageReference.IsValid(image))
        {
            Fail("image", $"'{image}' is not a container image reference ([registry[:port]/]name[:tag][@sha256:digest], lower-case name)");
        }
        else if (upload is not null && (!UploadId().IsMatch(upload) || !File.Exists(Path.Combine(options.UploadsDir, upload + ".tar"))))
        {
            Fail("base_upload", $"'{upload}' is not an upload on this server (POST /api/v1/uploads)");
        }

        string? version = null;
        if (Blank(request.Version) is not { } rawVersion)
        {
            Fail("version", "is required: the Kairos OS version, e.g. 1.2.3");
        }
        else if (rawVersion.Length > BuildRules.MaxVersionLength)
        {
            Fail("version", $"is longer than {BuildRules.MaxVersionLength} characters (it names the artifacts' files)");
        }
        else if (!KairosVersion.TryNormalize(rawVersion, out version, out _))
        {
            Fail("version", $"'{rawVersion}' is not a semantic version (e.g. {KairosVersion.Example})");
        }

        // the classic Factory's pin of the kairos-init release its worker ran: checked, then ignored (Warnings says so)
        if (Blank(request.KairosInitVersion) is { } initVersion && !KairosInitRelease().IsMatch(initVersion))
        {
            Fail("kairos_init_version", $"'{initVersion}' is not a kairos-init release such as v0.5.0");
        }

        var architecture = Blank(request.Architecture);
        if (architecture is null)
        {
            Fail("architecture", $"is required: one of {string.Join(", ", catalog.Architectures)}");
        }
        else if (!catalog.Architectures.Contains(architecture))
        {
            Fail("architecture", $"'{architecture}' is not one of {string.Join(", ", catalog.Architectures)}");
        }
        else if (((Blank(request.Builder) ?? options.DefaultBuilder) is not DockerBuilder.Engine || options.BuildxBuilder is null)
                 && ForeignPrograms.Unavailable(architecture, options.BinfmtDir) is { } cannot)
        {
            // this machine runs the build's programs (a buildx builder elsewhere decides for itself)
            Fail("architecture", cannot);
        }
        else if (options.BinaryFor(architecture) is null)
        {
            Fail("architecture", $"this server has no {architecture} kairos-stages to run inside the image: start it with --kairos-stages-for {architecture}=PATH (bash build/publish.sh linux-{(architecture == "amd64" ? "x64" : architecture)} makes one)");
        }

        var model = Blank(request.Model) ?? KnownModels.Generic;
        var modelRefused = architecture is not null && catalog.Architectures.Contains(architecture) && !FactoryCatalog.ModelsFor(architecture).Contains(model);
        if (modelRefused)
        {
            Fail("model", $"'{model}' is not a model for {architecture} (models: {string.Join(", ", FactoryCatalog.ModelsFor(architecture!))})");
        }

        var distribution = Blank(request.KubernetesDistribution);
        var variant = Blank(request.Variant) ?? (distribution is null ? BuildEnums.Core : BuildEnums.Standard);
        if (!BuildEnums.Variants.Contains(variant))
        {
            Fail("variant", $"'{variant}' is not one of {string.Join(", ", BuildEnums.Variants)}");
        }
        else if (variant == BuildEnums.Standard && distribution is null)
        {
            Fail("kubernetes_distribution", $"is required for the {BuildEnums.Standard} variant: {string.Join(" or ", BuildEnums.Providers)}");
        }
        else if (variant != BuildEnums.Standard && distribution is not null)
        {
            Fail("kubernetes_distribution", $"is only for the {BuildEnums.Standard} variant (set variant to {BuildEnums.Standard})");
        }

        if (distribution is not null && !BuildEnums.Providers.Contains(distribution))
        {
            Fail("kubernetes_distribution", $"'{distribution}' is not one of {string.Join(", ", BuildEnums.Providers)}");
        }

        var kubernetesVersion = KubernetesVersion(request, distribution, Fail);
        string? cloudConfig = null;
        if (request.CloudConfig is { Length: > 0 } text)
        {
            if (CloudConfigCheck.Problem(text) is { } problem)
            {
                Fail("cloud_config", problem);
            }
            else
            {
                cloudConfig = text;
            }
        }

        var builder = Blank(request.Builder) ?? options.DefaultBuilder;
        if (!builders.Names.Contains(builder))
        {
            Fail("builder", $"'{builder}' is not one of {string.Join(", ", builders.Names)}");
        }
        else if (builder == DockerBuilder.Engine && options.BuildxBuilder is not null && image is not null && ImageReference.IsValid(image) && ImageReference.Registry(image) is var registry
            && !options.AllowedRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase))
        {
            Fail("image", $"the docker builder's buildx builder may not pull from '{registry}': allowed are {string.Join(", ", options.AllowedRegistries)} (serve --allowed-registry HOST)");
        }

        var fips = request.Fips ?? false;
        if (fips && catalog.Fips.Problem(image, architecture) is { } fipsProblem)
        {
            Fail("fips", fipsProblem);
        }

        var outputs = OutputsCheck.Check(request.Artifacts, modelRefused ? KnownModels.Generic : model, request.TrustedBoot ?? false, options.UkiKeysDir, Fail);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new BuildSpec
        {
            Image = image,
            BaseUpload = upload,
            Version = version!,
            Architecture = architecture!,
            Model = model,
            Variant = variant,
            KubernetesDistribution = distribution,
            KubernetesVersion = kubernetesVersion,
            TrustedBoot = request.TrustedBoot ?? false,
            Fips = fips,
            CloudConfig = cloudConfig,
            Builder = builder,
            Artifacts = outputs!,
        }, errors);
    }

    private static string? KubernetesVersion(BuildRequest request, string? distribution, Action<string, string> fail)
    {
        var version = Blank(request.KubernetesVersion);
        var release = Blank(request.KubernetesRelease);
        if (version is not null && release is not null && version != release)
        {
            fail("kubernetes_release", $"'{release}' disagrees with kubernetes_version '{version}' (send one of them)");
            return null;
        }

        var chosen = version ?? release;
        var field = version is not null ? "kubernetes_version" : "kubernetes_release";
        if (chosen is null)
        {
            return null;
        }

        if (distribution is null)
        {
            fail(field, "needs kubernetes_distribution");
        }
        else if (BuildEnums.Providers.Contains(distribution) && !ProviderVersion.Fits(distribution, chosen))
        {
            // the engine's own rule (kairos-stages run --k8s-version): refused here, not after the build started
            fail(field, $"'{chosen}' is not a {distribution} release (expected like {ProviderVersion.Example(distribution)})");
        }

        return chosen;
    }

    /// <summary>What a valid request asked for that this Factory does not do: the classic fields it accepts and ignores.</summary>
    public static IReadOnlyList<string> Warnings(BuildRequest request) =>
        Blank(request.KairosInitVersion) is { } initVersion
            ? [$"kairos_init_version '{initVersion}' is ignored: this Factory builds with its own kairos-stages (GET /api/v1/config names it), not a kairos-init release"]
            : [];

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static IEnumerable<(string Field, string? Value)> ShortFields(BuildRequest request) =>
    [
        ("image", request.Image), ("base_upload", request.BaseUpload), ("version", request.Version),
        ("architecture", request.Architecture), ("model", request.Model), ("variant", request.Variant),
        ("kubernetes_distribution", request.KubernetesDistribution), ("kubernetes_version", request.KubernetesVersion),
        ("kubernetes_release", request.KubernetesRelease), ("builder", request.Builder),
        ("kairos_init_version", request.KairosInitVersion),
    ];

    // a kairos-init release tag (vMAJOR.MINOR.PATCH[-pre][+build]): only checked, never used
    [GeneratedRegex("^v?[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]{1,64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex KairosInitRelease();

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    internal static partial Regex UploadId();
}

using Kairos.Stages.Target.Context;
using Microsoft.AspNetCore.Http.Features;

namespace Kairos.Factory.Api;

/// <summary>
/// The classic Factory page's form (<c>POST /start</c>, multipart or urlencoded) read into a build request: base_image
/// (or "byoi" and byoi_image), artifact_iso / artifact_tar "on", trusted_boot "true", and the JobData names for the rest.
/// Bounded like the JSON body; a field it never had, or one given twice, is refused by name.
/// </summary>
public static class ClassicStartForm
{
    /// <summary>Said in every /start answer: the classic Factory always built a raw disk, this form never asks for one.</summary>
    public const string NoRawWarning = "the classic Factory always built a raw disk image; /start does not (send artifacts.raw_image to /api/v1/builds where this server builds raw disks)";

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "base_image", "byoi_image", "variant", "architecture", "model", "trusted_boot", "kubernetes_distribution",
        "kubernetes_version", "kubernetes_release", "version", "kairos_init_version", "cloud_config",
        "artifact_iso", "artifact_tar", "artifact_gcp", "artifact_azure",
    };

    public static async Task<(BuildRequest? Request, Dictionary<string, string[]>? Errors)> ReadAsync(HttpRequest http, CancellationToken cancellation)
    {
        if (http.ContentLength is > BuildRequestReader.MaxBodyBytes)
        {
            return (null, new() { ["body"] = [$"is larger than {BuildRequestReader.MaxBodyBytes} bytes"] });
        }

        if (!http.HasFormContentType)
        {
            return (null, new() { ["body"] = ["must be multipart/form-data or application/x-www-form-urlencoded (the classic Factory page's form)"] });
        }

        var limits = new FormOptions
        {
            BufferBodyLengthLimit = BuildRequestReader.MaxBodyBytes,
            MultipartBodyLengthLimit = BuildRequestReader.MaxBodyBytes,
            ValueCountLimit = Fields.Count,
            KeyLengthLimit = 64,
            ValueLengthLimit = (int)BuildRequestReader.MaxBodyBytes,
        };
        http.HttpContext.Features.Set<IFormFeature>(new FormFeature(http, limits));
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(cancellation);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, new() { ["body"] = [$"is not a form this server reads: {exception.Message}"] });
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!Fields.Contains(key))
            {
                errors[key] = ["is not a field of the classic Factory's form"];
            }
            else if (values.Count > 1)
            {
                errors[key] = ["is given more than once"];
            }
        }

        if (form.Files.Count > 0)
        {
            errors[form.Files[0].Name] = ["is a file; the form takes text fields only"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        string? Value(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        var image = Value("base_image") == "byoi" ? Value("byoi_image") : Value("base_image");
        var core = Value("variant") == BuildEnums.Core;
        return (new BuildRequest
        {
            Image = image,
            Variant = Value("variant"),
            Architecture = Value("architecture"),
            Model = Value("model"),
            TrustedBoot = Value("trusted_boot") == "true",
            KubernetesDistribution = core ? null : Value("kubernetes_distribution"),
            KubernetesVersion = core ? null : Value("kubernetes_version"),
            KubernetesRelease = core ? null : Value("kubernetes_release"),
            Version = Value("version"),
            KairosInitVersion = Value("kairos_init_version"),
            CloudConfig = Value("cloud_config"),
            Artifacts = new BuildArtifactsRequest
            {
                Iso = Value("artifact_iso") == "on",
                ContainerFile = Value("artifact_tar") == "on",
                Gcp = Value("artifact_gcp") == "on",
                Azure = Value("artifact_azure") == "on",
            },
        }, null);
    }
}

using Kairos.Factory.Auth;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Factory.Validation;

namespace Kairos.Factory.Api;

/// <summary>
/// The classic Factory's URLs outside /api/v1: its page's form at <c>/start</c> (queued like POST /api/v1/builds), and
/// its downloads, static files at <c>/builds/UUID/artifacts/FILE</c>, served by the same download as
/// /api/v1/builds/{id}/artifacts/{name} (only names the store lists; the token, as a header or ?token=).
/// </summary>
public static class ClassicEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/start", StartAsync)
            .WithTags("Classic").WithName("ClassicStart").WithSummary("Queue a build from the classic Factory page's form")
            .WithDescription("multipart/form-data or urlencoded: base_image (or base_image=byoi and byoi_image), variant, architecture, model, trusted_boot=true, kubernetes_distribution, kubernetes_version, version, kairos_init_version, cloud_config, artifact_iso=on, artifact_tar=on. Validated as POST /api/v1/builds (400 names each bad field, nothing is queued); 200 with uuid like the classic Factory, and warnings for what it did that this one does not (the always-built raw disk, kairos_init_version).")
            .Accepts<BuildRequest>("multipart/form-data", "application/x-www-form-urlencoded")
            .Produces<BuildCreated>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .DisableAntiforgery()
            .RequireToken();
        endpoints.MapGet("/builds/{id}/artifacts/{name}", ArtifactEndpoints.Download)
            .WithTags("Classic").WithName("ClassicDownloadArtifact").WithSummary("The classic Factory's download URL of one file")
            .WithDescription("Same answer as GET /api/v1/builds/{id}/artifacts/{name}: Range requests, the sha256 header, and the token header or a signed link from the artifact list.")
            .DownloadAnswers(body: true);
        endpoints.MapMethods("/builds/{id}/artifacts/{name}", [HttpMethods.Head], ArtifactEndpoints.Download)
            .WithTags("Classic").WithName("ClassicArtifactHeaders").WithSummary("The classic download URL's headers without the body")
            .DownloadAnswers(body: false);
    }

    private static Task<IResult> StartAsync(HttpRequest http, JobStore store, BuildRequestValidator validator, WorkerPool workers, FactoryOptions options, CancellationToken cancellation) =>
        BuildEndpoints.QueueAsync(http, ClassicStartForm.ReadAsync, Results.Ok, store, validator, workers, options, cancellation, [ClassicStartForm.NoRawWarning]);
}

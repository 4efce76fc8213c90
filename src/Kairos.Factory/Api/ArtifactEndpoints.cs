using Kairos.Factory.Auth;
using Kairos.Factory.Store;
using Microsoft.Net.Http.Headers;

namespace Kairos.Factory.Api;

/// <summary>A build's files: the list (name, size, sha256, description, expiry) and the download (Range, sha256 header).</summary>
public static class ArtifactEndpoints
{
    public const string Sha256Header = "X-Checksum-Sha256";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/builds/{id}/artifacts", List)
            .WithTags("Artifacts").WithName("ListArtifacts").WithSummary("A build's downloadable files")
            .WithDescription("Each file's url is a signed download link, valid for the server's --download-link-seconds (15 minutes by default), when the caller sent the token; without it (a --public-read server) the url is the plain path, which needs the token.")
            .Produces<IReadOnlyList<ArtifactView>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .RequireToken(Access.Read);
        api.MapGet("/builds/{id}/artifacts/{name}", Download)
            .WithTags("Artifacts").WithName("DownloadArtifact").WithSummary("Download one file (Range requests supported)")
            .WithDescription($"Needs the token in the Authorization header, or a signed link from the artifact list (expires + signature; a browser link carries no token). Sends Content-Length, Accept-Ranges and the file's sha256 in {Sha256Header}.")
            .DownloadAnswers(body: true);

        // download managers and `curl -I` ask for the size and checksum first
        api.MapMethods("/builds/{id}/artifacts/{name}", [HttpMethods.Head], Download)
            .WithTags("Artifacts").WithName("ArtifactHeaders").WithSummary("One file's headers without its body")
            .WithDescription($"The download's headers (Content-Length, Accept-Ranges, ETag, {Sha256Header}) and status, no body. Needs the token like the download.")
            .DownloadAnswers(body: false);
    }

    private static IResult List(string id, JobStore store, ApiToken token, DownloadLinks links, HttpRequest request)
    {
        if (store.Get(id) is not { } job)
        {
            return ProblemResults.NotFound(id);
        }

        if (job.ArtifactsDeletedAt is { } deleted)
        {
            return Gone(id, deleted);
        }

        // a signed link only for a token holder: on a --public-read server anyone may list, but not download
        var signed = token.Matches(RequireTokenFilter.Presented(request));
        return Results.Ok(store.Artifacts(id)
            .Select(artifact => new ArtifactView(artifact.Name, artifact.Size, artifact.Sha256, artifact.Description, signed ? links.Sign(id, artifact.Name) : $"/api/v1/builds/{id}/artifacts/{Uri.EscapeDataString(artifact.Name)}", job.ExpiresAt))
            .ToList());
    }

    /// <summary>What a download, or with <paramref name="body"/> false its HEAD, answers: the file or a range of it, or why not; it needs the token or a signed link.</summary>
    internal static RouteHandlerBuilder DownloadAnswers(this RouteHandlerBuilder route, bool body) =>
        (body
            ? route.Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").Produces<Stream>(StatusCodes.Status206PartialContent, "application/octet-stream")
            : route.Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status206PartialContent))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status410Gone)
        .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
        .RequireToken(Access.Download);

    // expires and signature are declared for the OpenAPI document; the token filter has checked them already
    internal static IResult Download(
        string id,
        string name,
        JobStore store,
        FactoryOptions options,
        HttpResponse response,
        [System.ComponentModel.Description("a signed link's expiry, Unix seconds (from the artifact list's url)")] long? expires,
        [System.ComponentModel.Description("a signed link's HMAC-SHA256, base64url (from the artifact list's url)")] string? signature)
    {
        if (store.Get(id) is not { } job)
        {
            return ProblemResults.NotFound(id);
        }

        if (job.ArtifactsDeletedAt is { } deleted)
        {
            return Gone(id, deleted);
        }

        // only names the store lists are served: no path from the request reaches the file system
        if (store.Artifacts(id).FirstOrDefault(artifact => artifact.Name == name) is not { } artifact)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"build '{id}' has no artifact '{name}'");
        }

        response.Headers[Sha256Header] = artifact.Sha256;
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(artifact.Sha256))}:";
        var path = Path.Combine(options.JobsDir, id, "artifacts", artifact.Name);
        var type = artifact.Name.EndsWith(".sha256", StringComparison.Ordinal) ? "text/plain" : "application/octet-stream";
        return Results.File(path, type, artifact.Name, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{artifact.Sha256}\""));
    }

    private static IResult Gone(string id, DateTimeOffset deleted) =>
        Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"the artifacts of build '{id}' were deleted by retention at {deleted:O}");
}

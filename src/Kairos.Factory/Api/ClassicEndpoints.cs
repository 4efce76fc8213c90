using Kairos.Factory.Auth;

namespace Kairos.Factory.Api;

/// <summary>
/// The classic Factory's URLs outside /api/v1: its downloads were static files at <c>/builds/UUID/artifacts/FILE</c>.
/// Served by the same download as /api/v1/builds/{id}/artifacts/{name} (only names the store lists; the token, as a header or ?token=).
/// </summary>
public static class ClassicEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/builds/{id}/artifacts/{name}", ArtifactEndpoints.Download)
            .WithTags("Classic").WithName("ClassicDownloadArtifact").WithSummary("The classic Factory's download URL of one file")
            .WithDescription("Same answer as GET /api/v1/builds/{id}/artifacts/{name}: Range requests, the sha256 header, and the token (header or ?token=).")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .Produces<Stream>(StatusCodes.Status206PartialContent, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .RequireToken(allowQuery: true);
        endpoints.MapMethods("/builds/{id}/artifacts/{name}", [HttpMethods.Head], ArtifactEndpoints.Download)
            .WithTags("Classic").WithName("ClassicArtifactHeaders").WithSummary("The classic download URL's headers without the body")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .RequireToken(allowQuery: true);
    }
}

using Kairos.Factory.Auth;

namespace Kairos.Factory.Api;

/// <summary>GET /auth/check: lets a client (the web page's token box) test a token without changing anything.</summary>
public static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/auth/check", () => Results.NoContent())
            .WithTags("System").WithName("CheckToken").WithSummary("Check the API token")
            .WithDescription("204 when the bearer token matches the server's, 401 when it is missing or does not.")
            .Produces(StatusCodes.Status204NoContent)
            .RequireToken();
}

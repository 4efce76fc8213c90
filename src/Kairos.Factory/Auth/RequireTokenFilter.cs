namespace Kairos.Factory.Auth;

/// <summary>Who may call a route: token holders (writes), readers (token holders, or anyone with <c>--public-read</c>), downloaders (token holders or a signed link).</summary>
public enum Access
{
    Token,
    Read,
    Download,
}

/// <summary>
/// Endpoint filter: the request must carry <c>Authorization: Bearer TOKEN</c>; reads need it unless the server runs
/// with <c>--public-read</c>; a download may instead carry a valid signed link (<see cref="DownloadLinks"/>).
/// The token is never taken from a query string.
/// </summary>
public sealed class RequireTokenFilter(ApiToken token, FactoryOptions options, DownloadLinks links, Access access) : IEndpointFilter
{
    /// <summary>The bearer value of the request's Authorization header, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : null;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = Presented(request);
        if (token.Matches(presented) || (access == Access.Read && options.PublicRead))
        {
            return next(context);
        }

        var linked = access == Access.Download && request.Query.ContainsKey("signature");
        if (linked && presented is null && links.Verify(
            request.RouteValues["id"] as string ?? "", request.RouteValues["name"] as string ?? "", request.Query["expires"].ToString(), request.Query["signature"].ToString()))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"kairos-factory\"";
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: linked ? "the download link is not valid or has expired (links from the artifact list last " + links.Lifetime.TotalMinutes + " minutes): list the artifacts again"
                : presented is null ? "this call needs the server's API token: Authorization: Bearer <token> (see DATA_DIR/secrets/api-token)" : "the API token does not match"));
    }
}

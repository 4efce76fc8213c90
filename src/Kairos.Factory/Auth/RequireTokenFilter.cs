namespace Kairos.Factory.Auth;

/// <summary>Endpoint filter: the request must carry <c>Authorization: Bearer TOKEN</c> (downloads may use <c>?token=</c>, for browser links).</summary>
public sealed class RequireTokenFilter(ApiToken token, bool allowQuery) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : null;
        if (presented is null && allowQuery && request.Query.TryGetValue("token", out var query))
        {
            presented = query.ToString();
        }

        if (token.Matches(presented))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"kairos-factory\"";
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: presented is null ? "this call needs the server's API token: Authorization: Bearer <token> (see DATA_DIR/secrets/api-token)" : "the API token does not match"));
    }
}

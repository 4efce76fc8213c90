namespace Kairos.Factory.Auth;

/// <summary>Marks an endpoint as needing the API token: the filter, plus metadata the OpenAPI document reads.</summary>
public static class AuthEndpointExtensions
{
    public static RouteHandlerBuilder RequireToken(this RouteHandlerBuilder builder, bool allowQuery = false) =>
        builder
            .AddEndpointFilterFactory((factory, next) =>
            {
                var filter = new RequireTokenFilter(factory.ApplicationServices.GetRequiredService<ApiToken>(), allowQuery);
                return context => filter.InvokeAsync(context, next);
            })
            .WithMetadata(new RequiresTokenMetadata())
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}

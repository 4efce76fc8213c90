namespace Kairos.Factory.Auth;

/// <summary>Marks an endpoint as needing the API token: the filter, plus metadata the OpenAPI document reads.</summary>
public static class AuthEndpointExtensions
{
    /// <summary>The route needs the token; <paramref name="access"/> says who else may call it (readers with <c>--public-read</c>, holders of a signed download link).</summary>
    public static RouteHandlerBuilder RequireToken(this RouteHandlerBuilder builder, Access access = Access.Token) =>
        builder
            .AddEndpointFilterFactory((factory, next) =>
            {
                var services = factory.ApplicationServices;
                var filter = new RequireTokenFilter(services.GetRequiredService<ApiToken>(), services.GetRequiredService<FactoryOptions>(), services.GetRequiredService<DownloadLinks>(), access);
                return context => filter.InvokeAsync(context, next);
            })
            .WithMetadata(new RequiresTokenMetadata(access))
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}

using Kairos.Factory.Api;
using Microsoft.Extensions.FileProviders;
using Serilog;

namespace Kairos.Factory.Hosting;

/// <summary>The HTTP pipeline: request log (paths only, never query strings), problem details, static page files, the API and its document.</summary>
public static class FactoryPipeline
{
    public const string ApiBase = "/api/v1";
    public const string OpenApiPath = ApiBase + "/openapi.json";

    public static IApplicationBuilder UseFactory(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<HostCheck>();
        app.Use(hosts.InvokeAsync); // DNS rebinding: a Host that is not this server gets 421 before anything else
        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // wwwroot: the web page (/, index.html and its modules) and ReDoc (/redoc.html)
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        app.UseWebSockets(); // GET /builds/{id}/logs also speaks the classic Factory's WebSocket log protocol
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapFactory());
        return app;
    }

    public static IEndpointRouteBuilder MapFactory(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiBase);
        BuildEndpoints.Map(api);
        LogEndpoints.Map(api);
        ArtifactEndpoints.Map(api);
        UploadEndpoints.Map(api);
        SystemEndpoints.Map(api);
        TokenEndpoints.Map(api);
        ClassicEndpoints.Map(endpoints);
        endpoints.MapOpenApi(OpenApiPath);
        return endpoints;
    }
}

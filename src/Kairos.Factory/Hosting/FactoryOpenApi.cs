using Kairos.Factory.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kairos.Factory.Hosting;

/// <summary>The OpenAPI document's extras: info, the bearer scheme on the routes that need the token, and examples.</summary>
public static class FactoryOpenApi
{
    public const string Scheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Kairos Factory API",
                Version = "v1",
                Description = "Build Kairos images from a base image: queue a build, follow its log, download its artifacts. "
                    + "Calls that change state and downloads need the server's bearer token (DATA_DIR/secrets/api-token).",
                License = new OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" },
            };
            document.Servers = [new OpenApiServer { Url = "/", Description = "this server" }];
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "Builds", Description = "Queue builds, follow their state and log, cancel and delete them." },
                new() { Name = "Artifacts", Description = "The files a finished build made, with sha256 and retention." },
                new() { Name = "Uploads", Description = "Base root filesystem tarballs, for builds without a base image." },
                new() { Name = "System", Description = "Form defaults, liveness and readiness." },
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Scheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "the token printed at first start" },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresTokenMetadata>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
            }
            else
            {
                // stated, not implied: this route needs no token
                operation.Security = [];
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (OpenApiExamples.For(context.JsonTypeInfo.Type) is { } example)
            {
                schema.Examples = [example];
            }

            return Task.CompletedTask;
        });
    }
}

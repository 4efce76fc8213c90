using System.Text.Json;
using Kairos.Factory.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Factory.Tests;

/// <summary>The OpenAPI document is generated from the code, covers every route in it, and passes @redocly/cli lint.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] Places = ["/opt/redocly/node_modules/.bin/redocly", "/usr/local/bin/redocly", "/usr/bin/redocly"];

    [Fact]
    public async Task Every_route_in_code_is_in_the_document_with_responses_and_the_token_where_needed()
    {
        using var host = new FactoryHost();
        var document = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/openapi.json")).RootElement;
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal) && !endpoint.RoutePattern.RawText.EndsWith("openapi.json", StringComparison.Ordinal))
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (Path: "/" + endpoint.RoutePattern.RawText!.Trim('/'), Method: method.ToLowerInvariant(), endpoint.Metadata)))
            .ToList();

        Assert.True(routes.Count >= 12, $"only {routes.Count} routes found");
        foreach (var (path, method, metadata) in routes)
        {
            Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is not in the document");
            Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {path} has no responses");
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
            var needsToken = metadata.OfType<Auth.RequiresTokenMetadata>().Any();
            var security = operation.GetProperty("security");
            Assert.Equal(needsToken, security.GetArrayLength() == 1);
            if (needsToken)
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} needs the token but declares no 401");
            }
        }

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject().Where(schema => schema.Name != "Stream"))
        {
            Assert.True(schema.Value.TryGetProperty("examples", out _), $"schema {schema.Name} has no example");
        }

        Assert.Equal("Kairos Factory API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_document_passes_redocly_lint()
    {
        // CI installs @redocly/cli (build/install-deps.sh); elsewhere the test runs when it is there
        var redocly = Environment.GetEnvironmentVariable("REDOCLY_CLI") is { Length: > 0 } configured ? configured
            : Places.FirstOrDefault(File.Exists);
        if (redocly is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must lint the OpenAPI document: @redocly/cli is missing (build/install-deps.sh)");
            Assert.Skip("@redocly/cli is not installed");
        }

        using var host = new FactoryHost();
        var path = Path.Combine(host.DataDir, "openapi.json");
        await File.WriteAllTextAsync(path, await host.Client.GetStringAsync("/api/v1/openapi.json"));
        var config = Path.Combine(AppContext.BaseDirectory, "redocly.yaml");

        var lint = Programs.Try([redocly, "lint", path, "--config", config, "--format", "stylish"]);

        Assert.True(lint.Code == 0, lint.Output + lint.Error);
        Assert.DoesNotContain("warning", lint.Output.ToLowerInvariant().Replace("0 warnings", "", StringComparison.Ordinal));
    }
}

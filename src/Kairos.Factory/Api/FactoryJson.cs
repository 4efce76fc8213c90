using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Factory.Api;

/// <summary>The one JSON shape of the API and the store: snake_case (classic JobData's names), unknown fields rejected.</summary>
public static class FactoryJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;
        options.AllowDuplicateProperties = false; // {"version":"1","version":"2"} is refused, not read as the last one
        return options;
    }
}

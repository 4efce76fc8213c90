using System.Text.Json;

namespace Kairos.Factory.Api;

/// <summary>Reads the JSON body of a create, turning a malformed body or an unknown field into a problem that names the field.</summary>
public static partial class BuildRequestReader
{
    public const long MaxBodyBytes = 256 * 1024;

    public static async Task<(BuildRequest? Request, Dictionary<string, string[]>? Errors)> ReadAsync(HttpRequest http, CancellationToken cancellation)
    {
        if (http.ContentLength is > MaxBodyBytes)
        {
            return (null, new() { ["body"] = [$"is larger than {MaxBodyBytes} bytes"] });
        }

        if (!(http.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new() { ["body"] = ["must be application/json"] });
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, new() { ["body"] = [$"is larger than {MaxBodyBytes} bytes"] });
            }
        }

        try
        {
            var request = JsonSerializer.Deserialize<BuildRequest>(buffer.ToArray(), FactoryJson.Options);
            return request is null ? (null, new() { ["body"] = ["must be a JSON object"] }) : (request, null);
        }
        catch (JsonException exception)
        {
            var unknown = UnknownProperty().Match(exception.Message);
            var path = exception.Path is { Length: > 2 } known ? known.TrimStart('$', '.') : "body";
            var field = !unknown.Success ? path
                : path.EndsWith(unknown.Groups[1].Value, StringComparison.Ordinal) ? path
                : (path == "body" ? "" : path + ".") + unknown.Groups[1].Value;
            var why = unknown.Success ? "is not a field of a build request"
                : exception.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "is given more than once (duplicate JSON key)"
                : "has the wrong JSON type or is malformed";
            return (null, new() { [field] = [$"{why} (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})"] });
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("JSON property '([^']{1,100})' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnknownProperty();
}

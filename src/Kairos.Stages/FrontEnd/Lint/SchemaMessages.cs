namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Turns JsonSchema.Net's messages into ones that name the YAML key.</summary>
internal static class SchemaMessages
{
    public static string Describe(string pointer, string keyword, string message)
    {
        var key = pointer.Length == 0 ? "document" : Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
        if (keyword.Length == 0 && message.Contains("false schema", StringComparison.Ordinal))
        {
            return $"unknown key '{key}' (the schema allows no other keys here)";
        }

        return $"'{key}': {message.TrimEnd('.')} (schema keyword '{keyword}')";
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}

namespace Kairos.Stages.Rendering;

/// <summary>The <c>step:</c> and <c>description:</c> keys of a stage file, read by a line scan that needs no rendering.</summary>
public sealed record StageMetadata(string RelativePath, string? Step, string? Description)
{
    public static StageMetadata Read(StageTemplate stage)
    {
        string? step = null;
        string? description = null;
        foreach (var line in stage.Text.Split('\n'))
        {
            // only top-level keys count: no indentation, no template code
            if (TryValue(line, "step:", out var value))
            {
                step ??= value;
            }
            else if (TryValue(line, "description:", out value))
            {
                description ??= value;
            }
        }

        return new StageMetadata(stage.RelativePath, step, description);
    }

    private static bool TryValue(string line, string key, out string value)
    {
        value = "";
        if (!line.StartsWith(key, StringComparison.Ordinal))
        {
            return false;
        }

        value = Unquote(StripComment(line[key.Length..].Trim()));
        return value.Length > 0;
    }

    private static string StripComment(string value)
    {
        if (value.StartsWith('"') || value.StartsWith('\''))
        {
            return value;
        }

        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? value[..hash].TrimEnd() : value;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0]
            ? value[1..^1].Replace(value[0] == '\'' ? "''" : "\\\"", value[0] == '\'' ? "'" : "\"", StringComparison.Ordinal)
            : value;
}

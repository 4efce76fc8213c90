using System.Text;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.FrontEnd.Rendering;

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

        value = Scalar(line[key.Length..].Trim());
        return value.Length > 0;
    }

    // A plain scalar ends at " #"; a quoted one at its closing quote ('' and \" are escapes).
    private static string Scalar(string text)
    {
        if (text.Length == 0 || text[0] is not ('"' or '\''))
        {
            var hash = text.IndexOf(" #", StringComparison.Ordinal);
            return hash >= 0 ? text[..hash].TrimEnd() : text;
        }

        var quote = text[0];
        var value = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            if (quote == '\'' && text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                value.Append('\'');
                i++;
            }
            else if (quote == '"' && text[i] == '\\' && i + 1 < text.Length)
            {
                value.Append(text[++i]);
            }
            else if (text[i] == quote)
            {
                break;
            }
            else
            {
                value.Append(text[i]);
            }
        }

        return value.ToString();
    }
}

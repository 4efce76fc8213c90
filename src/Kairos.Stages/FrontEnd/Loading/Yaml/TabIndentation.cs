namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Finds a tab in a line's indentation, the usual cause of a YAML scanner error.</summary>
internal static class TabIndentation
{
    /// <summary>The first line up to <paramref name="lastLine"/> whose leading whitespace holds a tab.</summary>
    public static (int Line, int Column)? Find(string text, long lastLine)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length && i < lastLine; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && (line[c] == ' ' || line[c] == '\t'); c++)
            {
                if (line[c] == '\t' && line.Trim().Length > 0)
                {
                    return (i + 1, c + 1);
                }
            }
        }

        return null;
    }
}

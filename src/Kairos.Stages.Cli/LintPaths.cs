namespace Kairos.Stages.Cli;

/// <summary>Expands lint arguments: a file as given, a directory as its <c>.yaml</c>/<c>.yml</c> files, recursively, in ordinal order.</summary>
public static class LintPaths
{
    /// <summary>The files to lint, or the first argument that does not exist.</summary>
    public static (IReadOnlyList<string> Files, string? Missing) Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                return ([], argument);
            }
        }

        return (files, null);
    }
}

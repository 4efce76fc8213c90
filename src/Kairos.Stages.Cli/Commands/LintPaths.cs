namespace Kairos.Stages.Cli.Commands;

/// <summary>Expands lint arguments: a file as given, a directory as its <c>.yaml</c>/<c>.yml</c> files, walked recursively in ordinal order as yip does.</summary>
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
                Walk(argument, files);
            }
            else
            {
                return ([], argument);
            }
        }

        return (files, null);
    }

    /// <summary>yip's walk: each directory's entries in byte-wise order, subdirectories visited in place; symlinked directories are not entered.</summary>
    private static void Walk(string directory, List<string> files)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(entry);
            if (Directory.Exists(entry))
            {
                if (info.LinkTarget is null)
                {
                    Walk(entry, files);
                }
            }
            else if (entry.EndsWith(".yaml", StringComparison.Ordinal) || entry.EndsWith(".yml", StringComparison.Ordinal))
            {
                files.Add(entry);
            }
        }
    }
}

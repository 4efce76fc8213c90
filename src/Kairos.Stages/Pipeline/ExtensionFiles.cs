using System.Text;
using Kairos.Stages.Platform;
using Kairos.Stages.Validation;

namespace Kairos.Stages.Pipeline;

/// <summary>
/// Finds stage-extension files: every <c>*.yaml</c>/<c>*.yml</c> (case-sensitive) below a directory,
/// recursively, in ordinal path order; symlinked files are read, symlinked directories are not entered (yip's walk).
/// </summary>
public static class ExtensionFiles
{
    public const string DefaultDirectory = "/etc/kairos-init/stage-extensions";
    public const string EnvironmentVariable = "KAIROS_INIT_STAGE_EXTENSIONS_DIR";

    /// <summary>
    /// The directory to read, as a host path: <c>--extensions-dir</c> (a host path) wins; else the
    /// environment variable or the default, both meaning a path inside the target root.
    /// </summary>
    public static string Locate(string root, string? explicitDirectory, string? environmentValue) =>
        explicitDirectory is { Length: > 0 }
            ? Path.GetFullPath(explicitDirectory)
            : RootPath.Resolve(root, environmentValue is { Length: > 0 } ? environmentValue : DefaultDirectory);

    /// <summary>Reads every extension file; display paths are the directory-relative paths prefixed with the directory as given.</summary>
    public static IReadOnlyList<LintInput> Read(string hostDirectory, string displayDirectory)
    {
        if (!Directory.Exists(hostDirectory))
        {
            return [];
        }

        var files = new List<string>();
        Walk(hostDirectory, files);
        return [.. files
            .Select(f => Path.GetRelativePath(hostDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(rel => new LintInput($"{displayDirectory.TrimEnd('/')}/{rel}", File.ReadAllText(Path.Combine(hostDirectory, rel), Encoding.UTF8)))];
    }

    private static void Walk(string directory, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub)
            {
                if (sub.LinkTarget is null)
                {
                    Walk(sub.FullName, files);
                }
            }
            else if ((entry.Name.EndsWith(".yaml", StringComparison.Ordinal) || entry.Name.EndsWith(".yml", StringComparison.Ordinal))
                && File.Exists(entry.FullName))
            {
                files.Add(entry.FullName);
            }
        }
    }
}

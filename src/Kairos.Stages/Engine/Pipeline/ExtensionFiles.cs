using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Pipeline;

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

    /// <summary>Reads every extension file.</summary>
    /// <param name="hostDirectory">The directory on the host (already resolved in the root).</param>
    /// <param name="displayDirectory">How diagnostics name it: file paths are the directory-relative paths prefixed with it.</param>
    /// <param name="root">
    /// The target root the directory lies in: symlinked files then resolve inside it, as they would
    /// after chroot (a link to <c>/etc/x.yaml</c> means <c>ROOT/etc/x.yaml</c>, never the host's).
    /// Null for a host directory (<c>--extensions-dir</c>).
    /// </param>
    /// <returns>The files read, and one error per file or directory that could not be read (a FIFO,
    /// a socket, a dangling link, a link loop, a file where the directory should be).</returns>
    public static ExtensionRead Read(string hostDirectory, string displayDirectory, string? root = null)
    {
        var display = displayDirectory.TrimEnd('/');
        if (!Directory.Exists(hostDirectory))
        {
            return File.Exists(hostDirectory) || new FileInfo(hostDirectory).LinkTarget is not null
                ? new ExtensionRead([], [$"extensions directory {displayDirectory}: not a directory"])
                : new ExtensionRead([], []);
        }

        var files = new List<string>();
        var errors = new List<string>();
        Walk(hostDirectory, files, errors, display, hostDirectory);
        var fileSystem = new RootFileSystem(root ?? "/");
        var inputs = new List<LintInput>();
        foreach (var rel in files.Select(f => Path.GetRelativePath(hostDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            var host = Path.Combine(hostDirectory, rel);
            try
            {
                var view = root is null ? host : RootPath.ToRootView(fileSystem.Root, host);
                inputs.Add(new LintInput($"{display}/{rel}", SourceText.Decode(fileSystem.ReadAllBytes(view))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"extension file {display}/{rel}: cannot read it: {Reason(e)}");
            }
        }

        return new ExtensionRead(inputs, errors);
    }

    private static void Walk(string directory, List<string> files, List<string> errors, string display, string top)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var rel = Path.GetRelativePath(top, directory);
            errors.Add($"extensions directory {(rel == "." ? display : $"{display}/{rel}")}: cannot list it: {Reason(e)}");
            return;
        }

        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo sub)
            {
                if (sub.LinkTarget is null)
                {
                    Walk(sub.FullName, files, errors, display, top);
                }
            }
            else if (entry.Name.EndsWith(".yaml", StringComparison.Ordinal) || entry.Name.EndsWith(".yml", StringComparison.Ordinal))
            {
                // Dangling links, loops, FIFOs and sockets are included: reading them reports the problem.
                files.Add(entry.FullName);
            }
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "it is a dangling link",
        _ => e.Message,
    };
}

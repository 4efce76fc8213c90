using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>A forked copy of the stages directory (<c>--stages-dir DIR</c>), same layout as the bundled one.</summary>
public sealed class DirectoryStageSource(string directory) : IStageSource
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    public string Origin => _root;

    public IReadOnlyList<string> ListFiles() =>
        !Directory.Exists(_root)
            ? []
            : [.. Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(_root, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)];

    public Stream? OpenRead(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        var inside = full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || (_root == "/" && full.StartsWith('/'));
        if (!inside || !File.Exists(full))
        {
            return null;
        }

        try
        {
            // Read without blocking: a FIFO or socket in a fork is refused (IOException), not waited on.
            return new MemoryStream(new RootFileSystem("/").ReadAllBytes(full), writable: false);
        }
        catch (FileNotFoundException)
        {
            return null; // a dangling link (File.Exists sees the link itself)
        }
    }

    public string DisplayPath(string relativePath) => Path.Combine(_root, relativePath);
}

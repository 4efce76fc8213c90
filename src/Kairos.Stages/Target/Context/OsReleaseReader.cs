namespace Kairos.Stages.Target.Context;

/// <summary>Reads the target root's os-release: <c>/etc/os-release</c>, else <c>/usr/lib/os-release</c>, links resolved inside the root.</summary>
public static class OsReleaseReader
{
    public static readonly string[] Candidates = ["/etc/os-release", "/usr/lib/os-release"];

    /// <summary>The parsed file and the host path it came from; null when neither exists.</summary>
    public static (OsRelease Release, string Path)? Read(string root)
    {
        foreach (var candidate in Candidates)
        {
            var host = Platform.RootPath.TryResolve(root, candidate);
            if (host is not null && File.Exists(host))
            {
                return (OsReleaseParser.Parse(File.ReadAllText(host)), host);
            }
        }

        return null;
    }

    /// <summary>The same search through a root's file system (validate's view of the root); null when neither exists.</summary>
    public static OsRelease? Read(Platform.IRootFileSystem files) =>
        Candidates.FirstOrDefault(files.FileExists) is { } path ? OsReleaseParser.Parse(files.ReadAllText(path)) : null;
}

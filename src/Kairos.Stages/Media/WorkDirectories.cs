namespace Kairos.Stages.Media;

/// <summary>Uniquely named scratch directories inside a given parent (the output directory: same file system as the result).</summary>
public static class WorkDirectories
{
    public static string Create(string parent, string prefix)
    {
        var path = Path.Combine(Path.GetFullPath(parent), prefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        Directory.CreateDirectory(path);
        return path;
    }
}

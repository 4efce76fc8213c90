namespace Kairos.Stages.Tests.Support;

/// <summary>Compares produced text with a checked-in file; with KAIROS_UPDATE_GOLDEN=1 rewrites the file instead.</summary>
public static class Golden
{
    public const string UpdateVariable = "KAIROS_UPDATE_GOLDEN";

    /// <summary>The test project's source directory (the folder holding its .csproj), found from the test assembly.</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the file at <paramref name="relativePath"/> under the test project (line endings normalised).</summary>
    public static void Assert(string relativePath, string actual)
    {
        var path = Path.Combine(ProjectDirectory, relativePath);
        actual = Normalize(actual);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            Xunit.Assert.Fail($"golden file {relativePath} is missing; run the tests with {UpdateVariable}=1 to create it, then review it");
        }

        var expected = Normalize(File.ReadAllText(path));
        Xunit.Assert.True(expected == actual, $"{relativePath} differs (set {UpdateVariable}=1 to accept the new output)\n--- expected\n{expected}--- actual\n{actual}");
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no .csproj above {AppContext.BaseDirectory}");
    }
}

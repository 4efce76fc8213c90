using System.Runtime.CompilerServices;

namespace Kairos.Stages.Tests.Context;

/// <summary>Locates checked-in test files (samples, goldens) in the source tree.</summary>
internal static class TestFiles
{
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    public static string OsRelease(string name) => Path.Combine(ProjectDirectory, "Samples", "os-release", name);

    private static string FindProjectDirectory([CallerFilePath] string source = "")
    {
        var fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source) ?? ".", ".."));
        if (File.Exists(Path.Combine(fromSource, "Kairos.Stages.Tests.csproj")))
        {
            return fromSource;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Kairos.Stages.Tests");
            if (File.Exists(Path.Combine(candidate, "Kairos.Stages.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Kairos.Stages.Tests not found above " + AppContext.BaseDirectory);
    }
}

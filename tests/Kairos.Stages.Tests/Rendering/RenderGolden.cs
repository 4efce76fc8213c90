using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Rendering;

/// <summary>Compares text with a checked-in golden file; <c>KAIROS_UPDATE_GOLDEN=1</c> rewrites the file instead.</summary>
internal static class RenderGolden
{
    public static void Verify(string relativePath, string actual)
    {
        var path = Path.Combine(TestFiles.ProjectDirectory, "Golden", "render", relativePath);
        if (Environment.GetEnvironmentVariable("KAIROS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with KAIROS_UPDATE_GOLDEN=1 and review the diff");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}

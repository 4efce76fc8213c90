using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Rendering;

/// <summary>Build contexts from the checked-in os-release samples (the golden targets are <see cref="Content.ContentTargets"/>).</summary>
internal static class TestContexts
{
    public static BuildContext Create(string sample, string arch = "amd64") => new()
    {
        Root = "/",
        Distro = DistroDetector.Detect(OsReleaseParser.Parse(File.ReadAllText(TestFiles.OsRelease(sample)))),
        Arch = arch,
        Version = "v1.2.3",
        ToolVersion = "0.0.0-test",
    };
}

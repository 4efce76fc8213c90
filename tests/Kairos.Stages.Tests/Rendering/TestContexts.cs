using Kairos.Stages.Context;
using Kairos.Stages.Tests.Context;

namespace Kairos.Stages.Tests.Rendering;

/// <summary>Build contexts for the golden targets, from the checked-in os-release samples.</summary>
internal static class TestContexts
{
    /// <summary>Golden target name → (os-release sample, arch, provider).</summary>
    public static readonly IReadOnlyDictionary<string, (string Sample, string Arch, string? Provider)> Targets =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["ubuntu-24.04-amd64"] = ("ubuntu-24.04", "amd64", null),
            ["debian-12-amd64"] = ("debian-12", "amd64", null),
            ["fedora-41-amd64"] = ("fedora-41", "amd64", null),
            ["rocky-9-amd64"] = ("rocky-9", "amd64", null),
            ["opensuse-leap-15.6-amd64"] = ("opensuse-leap-15.6", "amd64", null),
            ["alpine-3.21-arm64"] = ("alpine-3.21", "arm64", null),
            ["ubuntu-22.04-amd64-k3s"] = ("ubuntu-22.04", "amd64", "k3s"),
        };

    public static BuildContext For(string target)
    {
        var (sample, arch, provider) = Targets[target];
        return Create(sample, arch) with { K8s = provider is null ? null : new K8sProvider(provider, "v1.32.1+k3s1") };
    }

    public static BuildContext Create(string sample, string arch = "amd64") => new()
    {
        Root = "/",
        Distro = DistroDetector.Detect(OsReleaseParser.Parse(File.ReadAllText(TestFiles.OsRelease(sample)))),
        Arch = arch,
        Version = "v1.2.3",
        ToolVersion = "0.0.0-test",
    };
}

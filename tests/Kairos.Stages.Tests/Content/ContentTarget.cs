using Kairos.Stages.Context;

namespace Kairos.Stages.Tests.Content;

/// <summary>A build the content goldens are rendered for: an os-release sample plus flags.</summary>
public sealed record ContentTarget(
    string Name,
    string Sample,
    string Arch = "amd64",
    string Model = "generic",
    bool TrustedBoot = false,
    bool Fips = false,
    string K8s = "",
    string KernelVersion = "")
{
    /// <summary>The build context this target stands for, read from its os-release sample.</summary>
    public BuildContext Context()
    {
        var release = OsReleaseParser.Parse(File.ReadAllText(ContentStages.SamplePath(Sample)));
        return new BuildContext
        {
            Distro = DistroDetector.Detect(release),
            Arch = Arch,
            Model = Model,
            TrustedBoot = TrustedBoot,
            Fips = Fips,
            K8s = K8s.Length > 0 ? new K8sProvider(K8s, "") : null,
            Version = "v1.0.0",
        };
    }

    public override string ToString() => Name;
}

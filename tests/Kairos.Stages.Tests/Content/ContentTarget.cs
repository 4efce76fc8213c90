using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Content;

/// <summary>A build the stage goldens are rendered for: an os-release sample plus flags (<see cref="KernelVersion"/> pins the kernel the init steps would find at run time).</summary>
public sealed record ContentTarget(
    string Name,
    string Sample,
    string Arch = "amd64",
    string Model = "generic",
    bool TrustedBoot = false,
    bool Fips = false,
    string K8s = "",
    string K8sVersion = "",
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
            K8s = K8s.Length > 0 ? new K8sProvider(K8s, K8sVersion) : null,
            Version = "v1.2.3",
            ToolVersion = "0.0.0-test",
        };
    }

    public override string ToString() => Name;
}

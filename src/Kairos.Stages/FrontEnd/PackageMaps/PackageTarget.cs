using Kairos.Stages.Target.Context;

namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>What package selection depends on: distro, family, OS version, arch, model, trusted boot.</summary>
public sealed record PackageTarget(string Distro, string Family, string Version, string Arch, string Model = "generic", bool TrustedBoot = false)
{
    public static PackageTarget From(BuildContext context) =>
        new(context.Distro.Id, context.Distro.Family, context.Distro.Version, context.Arch, context.Model, context.TrustedBoot);
}

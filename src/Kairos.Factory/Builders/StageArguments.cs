using Kairos.Factory.Api;

namespace Kairos.Factory.Builders;

/// <summary>
/// The kairos-stages argument lists of a build (install, init, validate), shared by every builder. The install
/// stage is given no version (as examples/generic runs it): its line, and so its cached layer, is the same for
/// every version of one base, and the version first appears on the init line.
/// </summary>
public static class StageArguments
{
    public static List<string> Run(BuildSpec spec, string stage, string? root, string? artifactsDir)
    {
        List<string> arguments = stage == "install" ? ["run", "--stage", stage] : ["run", "--stage", stage, "--version", spec.Version];
        arguments.AddRange(["--model", spec.Model]);
        if (root is not null)
        {
            arguments.AddRange(["--root", root]);
        }

        if (spec.KubernetesDistribution is { } provider)
        {
            arguments.AddRange(["--kubernetes", provider]);
            if (spec.KubernetesVersion is { } version)
            {
                arguments.AddRange(["--k8s-version", version]);
            }
        }

        if (spec.TrustedBoot)
        {
            arguments.AddRange(["--trusted-boot", "true"]);
        }

        if (spec.Fips)
        {
            arguments.Add("--fips");
        }

        if (artifactsDir is not null)
        {
            arguments.AddRange(["--artifacts-dir", artifactsDir]);
        }

        return arguments;
    }

    public static List<string> Validate(BuildSpec spec, string? root)
    {
        List<string> arguments = ["validate", "--model", spec.Model];
        if (root is not null)
        {
            arguments.AddRange(["--root", root]);
        }

        if (spec.KubernetesDistribution is { } provider)
        {
            arguments.AddRange(["--kubernetes", provider]);
        }

        if (spec.TrustedBoot)
        {
            arguments.AddRange(["--trusted-boot", "true"]);
        }

        return arguments;
    }
}

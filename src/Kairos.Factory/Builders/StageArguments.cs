using Kairos.Factory.Api;
using Kairos.Stages.Engine.Planning;

namespace Kairos.Factory.Builders;

/// <summary>
/// The kairos-stages argument lists of a build (install, init, validate), shared by every builder. The install
/// stage is given no version (as examples/generic runs it): its line, and so its cached layer, is the same for
/// every version of one base. The engine builders split init at the version line too (<see cref="VersionLine"/>):
/// <see cref="InitVersionFree"/> (the initrd) carries no version, <see cref="InitVersioned"/> runs the rest with it.
/// </summary>
public static class StageArguments
{
    /// <summary>A whole phase, <c>install</c> (no version) or <c>init</c> (with the version).</summary>
    public static List<string> Run(BuildSpec spec, string stage, string? root, string? artifactsDir) =>
        With(spec, stage == "install" ? ["run", "--stage", stage] : ["run", "--stage", stage, "--version", spec.Version], root, artifactsDir);

    /// <summary>The init work no version changes (<see cref="VersionLine.VersionFreeInit"/>), without the version.</summary>
    public static List<string> InitVersionFree(BuildSpec spec, string? root, string? artifactsDir) =>
        With(spec, ["run", "--stage", "init", "--only-steps", string.Join(',', VersionLine.VersionFreeInit)], root, artifactsDir);

    /// <summary>The rest of init, after <see cref="InitVersionFree"/>, with the version.</summary>
    public static List<string> InitVersioned(BuildSpec spec, string? root, string? artifactsDir) =>
        With(spec, ["run", "--stage", "init", "--skip-steps", string.Join(',', VersionLine.VersionFreeInit), "--version", spec.Version], root, artifactsDir);

    private static List<string> With(BuildSpec spec, List<string> arguments, string? root, string? artifactsDir)
    {
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

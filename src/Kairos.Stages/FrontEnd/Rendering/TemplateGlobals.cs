using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>Builds the variables and functions bundled templates see, as hand-made ScriptObjects (trim/AOT-safe, no reflection).</summary>
public static class TemplateGlobals
{
    /// <summary>Top-level names, for documentation and tests; <c>stages/README.md</c> describes each.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "version", "distro", "arch", "model", "variant", "trusted_boot", "fips", "k8s", "log_level", "kairos", "release",
        "packages", "yaml_quote", "version_matches",
    ];

    public static ScriptObject Create(BuildContext context, PackageSelector selector)
    {
        var globals = Values(context);
        ScribanFunctions.AddTo(globals, context, selector);
        return globals;
    }

    /// <summary>The variables alone, fresh for each render: a template may change its copy.</summary>
    public static ScriptObject Values(BuildContext context)
    {
        var release = KairosReleaseValues.From(context);
        var globals = new ScriptObject
        {
            ["version"] = context.Version,
            ["distro"] = Distro(context.Distro),
            ["arch"] = context.Arch,
            ["model"] = context.Model,
            ["variant"] = context.Variant,
            ["trusted_boot"] = context.TrustedBoot,
            ["fips"] = context.Fips,
            ["k8s"] = new ScriptObject
            {
                ["provider"] = context.K8s?.Name ?? "",
                ["version"] = context.K8s?.Version ?? "",
            },
            ["log_level"] = context.LogLevel,
            ["kairos"] = new ScriptObject
            {
                ["init_version"] = context.ToolVersion,
                ["home_url"] = KairosReleaseValues.HomeUrl,
                ["bug_report_url"] = KairosReleaseValues.BugReportUrl,
            },
            ["release"] = new ScriptObject
            {
                ["id_like"] = release.IdLike,
                ["flavor"] = release.Flavor,
                ["flavor_release"] = release.FlavorRelease,
                ["software_version"] = release.SoftwareVersion,
                ["software_version_prefix"] = release.SoftwareVersionPrefix,
            },
        };
        return globals;
    }

    private static ScriptObject Distro(Distro distro)
    {
        var idLike = new ScriptArray();
        foreach (var token in distro.IdLike)
        {
            idLike.Add(token);
        }

        return new ScriptObject
        {
            ["id"] = distro.Id,
            ["id_like"] = idLike,
            ["family"] = distro.Family,
            ["version"] = distro.Version,
            ["version_major"] = distro.Version.Split('.')[0],
            ["codename"] = distro.Codename,
            ["name"] = distro.PrettyName,
        };
    }
}

using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Image.Release;

/// <summary>The derived values of /etc/kairos-release that are awkward in a template (flavor rules, id_like, software version).</summary>
public sealed record KairosReleaseValues(string IdLike, string Flavor, string FlavorRelease, string SoftwareVersion, string SoftwareVersionPrefix)
{
    public const string HomeUrl = "https://github.com/kairos-io/kairos";
    public const string BugReportUrl = "https://github.com/kairos-io/kairos/issues";

    public static KairosReleaseValues From(BuildContext context)
    {
        var distro = context.Distro.Id;
        var version = context.Distro.Version;
        var flavor = distro;
        var flavorRelease = version;

        // openSUSE images share one "opensuse" flavor: opensuse-leap 15.6 is flavor opensuse, release leap-15.6
        if (distro.Contains("opensuse", StringComparison.Ordinal) && distro.Split('-') is [var name, var edition])
        {
            flavor = name;
            flavorRelease = $"{edition}-{version}";
        }

        return new KairosReleaseValues(
            IdLike: $"kairos-{context.Variant}-{distro}-{version}",
            Flavor: flavor,
            FlavorRelease: flavorRelease,
            SoftwareVersion: context.K8s?.Version ?? "",
            SoftwareVersionPrefix: context.K8s?.Name ?? "");
    }
}

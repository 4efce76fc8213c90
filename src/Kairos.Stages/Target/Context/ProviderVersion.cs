using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Context;

/// <summary>
/// The Kubernetes version flags: <c>--k8s-version</c> (any provider) and kairos-init's
/// <c>--provider-NAME-version</c> (that provider only), checked against the shape of the provider's
/// release tags so a version never lands in a download URL that cannot exist.
/// </summary>
public static partial class ProviderVersion
{
    /// <summary>The chosen version ("" for the pin) and the errors, each naming the flag that carried the bad value.</summary>
    public static (string Version, IReadOnlyList<string> Errors) Resolve(string? provider, string? generic, IReadOnlyDictionary<string, string> perProvider)
    {
        var errors = new List<string>();
        foreach (var (name, value) in perProvider.Where(p => p.Value.Length > 0 && p.Key != provider))
        {
            errors.Add(string.IsNullOrEmpty(provider)
                ? $"--provider-{name}-version: no provider is given; add -p {name} (a core image installs no Kubernetes)"
                : $"--provider-{name}-version: the provider is {provider}, not {name}; give its version with --provider-{provider}-version or --k8s-version");
        }

        var own = provider is not null && perProvider.TryGetValue(provider, out var v) && v.Length > 0 ? v : null;
        if (own is not null && !string.IsNullOrEmpty(generic) && own != generic)
        {
            errors.Add($"--k8s-version '{generic}' and --provider-{provider}-version '{own}' disagree; give one of them");
        }

        var (flag, version) = own is not null ? ($"--provider-{provider}-version", own) : ("--k8s-version", generic ?? "");
        if (provider is not null && version.Length > 0 && !Fits(provider, version))
        {
            errors.Add($"{flag}: '{version}' is not a {provider} version (expected like {Example(provider)})");
        }

        return (version, errors);
    }

    // k3s tags: v<semver>[-rcN]+k3sN; k0s tags: v<semver>[-pre]+k0s.N (their GitHub release names)
    private const string K3sPattern = @"^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?\+k3s[0-9]+$";
    private const string K0sPattern = @"^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?\+k0s\.[0-9]+$";

    /// <summary>Longest version taken: the patterns leave their numbers and pre-release unbounded.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="version"/> has the shape of a release tag of <paramref name="provider"/>, within <see cref="MaxLength"/>.</summary>
    public static bool Fits(string provider, string version) => version.Length <= MaxLength && provider switch
    {
        "k3s" => K3sTag().IsMatch(version),
        "k0s" => K0sTag().IsMatch(version),
        _ => true, // an unknown provider is refused by its own check
    };

    /// <summary>The shape of <paramref name="provider"/>'s release tags as a regular expression (.NET and JavaScript read it alike).</summary>
    public static string Pattern(string provider) => provider switch
    {
        "k3s" => K3sPattern,
        "k0s" => K0sPattern,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, $"not one of {string.Join(", ", BuildEnums.Providers)}"),
    };

    /// <summary>Tags of <paramref name="provider"/> that fit, for hints and error messages.</summary>
    public static string Example(string provider) => provider == "k3s" ? "v1.32.1+k3s1 or v1.32.1-rc1+k3s1" : "v1.32.1+k0s.0 or v1.32.1-rc.0+k0s.0";

    [GeneratedRegex(K3sPattern, RegexOptions.CultureInvariant)]
    private static partial Regex K3sTag();

    [GeneratedRegex(K0sPattern, RegexOptions.CultureInvariant)]
    private static partial Regex K0sTag();
}

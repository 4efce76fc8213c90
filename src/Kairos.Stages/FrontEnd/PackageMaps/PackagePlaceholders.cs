using System.Text.RegularExpressions;

namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Substitutes <c>{{.version}}</c>, <c>{{.distro}}</c>, <c>{{.arch}}</c>, <c>{{.family}}</c> in package names.</summary>
public static partial class PackagePlaceholders
{
    public static string Substitute(string name, PackageTarget target) =>
        name.Contains("{{", StringComparison.Ordinal)
            ? Placeholder().Replace(name, match => match.Groups["key"].Value switch
            {
                "version" => target.Version,
                "distro" => target.Distro,
                "arch" => target.Arch,
                "family" => target.Family,
                _ => match.Value,
            })
            : name;

    [GeneratedRegex(@"\{\{\s*\.(?<key>[a-z]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

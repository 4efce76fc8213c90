using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Versions;
using Scriban.Runtime;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>The functions bundled templates may call: <c>packages</c>, <c>yaml_quote</c>, <c>version_matches</c>.</summary>
public static class ScribanFunctions
{
    public static void AddTo(ScriptObject globals, BuildContext context, PackageSelector selector)
    {
        var target = PackageTarget.From(context);
        globals["packages"] = new ScriptFunc<string, ScriptArray>("name", name => Packages(selector, name, target));
        globals["yaml_quote"] = new ScriptFunc<object?, string>("value", value => YamlQuote.Quote(Text(value)));
        globals["version_matches"] = new ScriptFunc<string, bool>(
            "constraint",
            constraint => VersionMatches(context.Distro.Version, constraint));
    }

    /// <summary>True when the distro version satisfies a kairos-init constraint (<c>common</c>, <c>&gt;=24.04</c>, <c>a || b</c>).</summary>
    public static bool VersionMatches(string distroVersion, string constraint)
    {
        if (!ConstraintKey.IsValid(constraint))
        {
            throw new ArgumentException($"version_matches: invalid version constraint '{constraint}'");
        }

        return HashicorpVersion.TryParse(distroVersion, out var version) && ConstraintKey.Matches(constraint, version);
    }

    private static ScriptArray Packages(PackageSelector selector, string name, PackageTarget target)
    {
        var list = selector.Select(name, target)
            ?? throw new ArgumentException($"packages: unknown list '{name}' (known: {string.Join(", ", PackageSelector.ListNames)})");
        var array = new ScriptArray();
        foreach (var package in list)
        {
            array.Add(package);
        }

        return array;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

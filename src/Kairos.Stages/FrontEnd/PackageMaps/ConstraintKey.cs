using Kairos.Stages.Target.Versions;
namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>Evaluates a package-map key: <c>common</c>, or constraints joined by <c>||</c> (OR), each term list AND-ed.</summary>
public static class ConstraintKey
{
    public const string Common = "common";

    /// <summary>True when the key selects its packages for this version; unparseable alternatives are ignored.</summary>
    public static bool Matches(string key, HashicorpVersion version)
    {
        if (key == Common)
        {
            return true;
        }

        foreach (var alternative in key.Split("||"))
        {
            if (VersionConstraint.TryParse(alternative.Trim(), out var constraint) && constraint.Check(version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="key"/> parses (every alternative), for data validation.</summary>
    public static bool IsValid(string key) =>
        key == Common || key.Split("||").All(part => VersionConstraint.TryParse(part.Trim(), out _));
}

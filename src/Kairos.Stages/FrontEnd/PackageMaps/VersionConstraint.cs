using System.Text.RegularExpressions;
using Kairos.Stages.Target.Versions;

namespace Kairos.Stages.FrontEnd.PackageMaps;

/// <summary>A hashicorp go-version constraint: comma-separated terms that must all hold (AND).</summary>
public sealed partial class VersionConstraint
{
    private readonly IReadOnlyList<(string Op, HashicorpVersion Version)> _terms;

    private VersionConstraint(IReadOnlyList<(string Op, HashicorpVersion Version)> terms) => _terms = terms;

    /// <summary>Parses <c>&gt;=22.04</c>, <c>!=5.4, !=5.5</c>, <c>~&gt; 1.2</c>, or a bare version (equality).</summary>
    public static bool TryParse(string text, out VersionConstraint constraint)
    {
        constraint = null!;
        var terms = new List<(string, HashicorpVersion)>();
        foreach (var part in text.Split(','))
        {
            var match = TermPattern().Match(part);
            if (!match.Success || !HashicorpVersion.TryParse(match.Groups["version"].Value, out var version))
            {
                return false;
            }

            terms.Add((match.Groups["op"].Value, version));
        }

        constraint = new VersionConstraint(terms);
        return true;
    }

    public bool Check(HashicorpVersion version) => _terms.All(term => Check(term.Op, version, term.Version));

    private static bool Check(string op, HashicorpVersion v, HashicorpVersion c)
    {
        if (!PrereleaseCheck(v, c))
        {
            return false;
        }

        var order = v.CompareTo(c);
        return op switch
        {
            "" or "=" => order == 0,
            "!=" => order != 0,
            ">" => order > 0,
            "<" => order < 0,
            ">=" => order >= 0,
            "<=" => order <= 0,
            "~>" => Pessimistic(v, c, order),
            _ => false,
        };
    }

    private static bool PrereleaseCheck(HashicorpVersion v, HashicorpVersion c)
    {
        var vPre = v.Prerelease.Length > 0;
        var cPre = c.Prerelease.Length > 0;
        if (cPre && vPre)
        {
            // a prerelease constraint only matches prereleases of the same base version
            return v.Segments.Take(3).SequenceEqual(c.Segments.Take(3));
        }

        return !vPre || cPre;
    }

    private static bool Pessimistic(HashicorpVersion v, HashicorpVersion c, int order)
    {
        if ((c.Prerelease.Length > 0 && v.Prerelease.Length == 0) || order < 0 || c.Segments.Count > v.Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < c.SpecifiedSegments - 1; i++)
        {
            if (v.Segments[i] != c.Segments[i])
            {
                return false;
            }
        }

        return c.Segments[c.Segments.Count - 1] <= v.Segments[c.Segments.Count - 1];
    }

    [GeneratedRegex(@"^\s*(?<op>=|!=|>=|<=|>|<|~>)?\s*(?<version>\S+)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TermPattern();
}

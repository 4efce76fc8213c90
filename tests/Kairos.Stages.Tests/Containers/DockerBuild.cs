using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.Containers;

/// <summary>One finished <c>docker build</c> with BuildKit (<c>--progress plain</c>): the tag it made and its output.</summary>
internal sealed partial record DockerBuild(string Tag, EngineResult Result)
{
    /// <summary>
    /// Each step of the final stage as BuildKit named it ("RUN …"), with whether BuildKit took it from its cache:
    /// BuildKit numbers each step (<c>#8 [stage-1 3/6] RUN …</c>) and prints <c>#8 CACHED</c> for a reused one.
    /// </summary>
    public IReadOnlyList<(string Instruction, bool Cached)> FinalStageSteps()
    {
        var lines = Result.Output.Split('\n');
        var headers = lines.Select(l => Step().Match(l)).Where(m => m.Success).ToList();
        var last = headers.Where(m => m.Groups["stage"].Value != "internal").Select(m => m.Groups["stage"].Value).LastOrDefault();
        var cached = lines.Select(l => Cached().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);
        return [.. headers
            .Where(m => m.Groups["stage"].Value == last)
            .DistinctBy(m => m.Groups["id"].Value)
            .OrderBy(m => int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => (m.Groups["instruction"].Value, cached.Contains(m.Groups["id"].Value)))];
    }

    [GeneratedRegex(@"^#(?<id>\d+) \[(?<stage>\S+) (?<index>\d+)/\d+\] (?<instruction>.*)$")]
    private static partial Regex Step();

    [GeneratedRegex(@"^#(?<id>\d+) CACHED$")]
    private static partial Regex Cached();
}

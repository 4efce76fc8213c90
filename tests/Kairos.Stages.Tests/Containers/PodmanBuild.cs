using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.Containers;

/// <summary>One finished <c>podman build</c>: the tag it made and its output.</summary>
internal sealed partial record PodmanBuild(string Tag, EngineResult Result)
{
    /// <summary>Each step of the final stage as podman printed it ("RUN …"), with whether podman reused a cached layer for it.</summary>
    public IReadOnlyList<(string Instruction, bool Cached)> FinalStageSteps()
    {
        var lines = Result.Output.Split('\n');
        var steps = new List<(string, bool)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var step = Step().Match(lines[i]);
            if (!step.Success || step.Groups["stage"].Value != step.Groups["stages"].Value)
            {
                continue;
            }

            // podman prints "--> Using cache <id>" right after a reused step's header
            var cached = i + 1 < lines.Length && lines[i + 1].StartsWith("--> Using cache ", StringComparison.Ordinal);
            steps.Add((step.Groups["instruction"].Value, cached));
        }

        return steps;
    }

    [GeneratedRegex(@"^\[(?<stage>\d+)/(?<stages>\d+)\] STEP \d+/\d+: (?<instruction>.*)$")]
    private static partial Regex Step();
}

using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Planning;

/// <summary>Builds stage files in memory for planner and executor tests.</summary>
internal static class PlanFixtures
{
    public static Step Step(string name, string file = "f.yaml", int line = 1, params string[] after) => new()
    {
        Name = name,
        Location = new SourceSpan(file, line, 5),
        After = [.. after.Select(a => new StepRef(a, new SourceSpan(file, line + 1, 9)))],
    };

    public static PlanSource Bundled(string path, string stepName, string stage, params Step[] steps) =>
        new(new StageFile { Path = path, StepName = stepName, Stages = [new StageBlock(stage, new SourceSpan(path, 2, 1), steps)] }, SourceKind.Bundled);

    public static PlanSource Extension(string path, string stage, params Step[] steps) =>
        new(new StageFile { Path = path, Stages = [new StageBlock(stage, new SourceSpan(path, 1, 1), steps)] }, SourceKind.Extension);

    public static IEnumerable<string> Names(Plan plan, string stage) =>
        plan.Stages.Single(s => s.Name == stage).Entries.Select(e => e.Step.Name);
}

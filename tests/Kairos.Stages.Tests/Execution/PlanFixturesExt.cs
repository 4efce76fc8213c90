using Kairos.Stages.Diagnostics;
using Kairos.Stages.Model;
using Kairos.Stages.Planning;

namespace Kairos.Stages.Tests.Execution;

internal static class PlanFixturesExt
{
    public static PlanSource Ext(string path, string stage, params Step[] steps) =>
        new(new StageFile { Path = path, Stages = [new StageBlock(stage, new SourceSpan(path, 1, 1), steps)] }, SourceKind.Extension);
}

using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Execution;

internal static class PlanFixturesExt
{
    public static PlanSource Ext(string path, string stage, params Step[] steps) =>
        new(new StageFile { Path = path, Stages = [new StageBlock(stage, new SourceSpan(path, 1, 1), steps)] }, SourceKind.Extension);
}

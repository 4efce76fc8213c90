using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary>A condition that the build context, or the root as it is before the run, decides: plan and run give the same answer.</summary>
public interface IBuildTimeCondition : IStepCondition
{
    /// <summary>Run, or skip with the reason; null when only the run can tell (the root does not say yet).</summary>
    ConditionResult? Decide(Step step, BuildContext build, IRootFileSystem root);
}

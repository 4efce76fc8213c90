using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>An observer that ignores every event (a build nobody watches).</summary>
public sealed class NullObserver : IRunObserver
{
    public static readonly NullObserver Instance = new();

    public void RunStarted(Plan plan)
    {
    }

    public void StepStarted(PlanEntry entry)
    {
    }

    public void StepFinished(StepResult result)
    {
    }

    public void RunFinished(RunResult result)
    {
    }
}

using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Engine.Recording;

/// <summary>Forwards run events to several observers, in order.</summary>
public sealed class CompositeObserver(params IRunObserver[] observers) : IRunObserver
{
    public void RunStarted(Plan plan) => Array.ForEach(observers, o => o.RunStarted(plan));

    public void StepStarted(PlanEntry entry) => Array.ForEach(observers, o => o.StepStarted(entry));

    public void StepProgressed(StepProgress progress) => Array.ForEach(observers, o => o.StepProgressed(progress));

    public void StepFinished(StepResult result) => Array.ForEach(observers, o => o.StepFinished(result));

    public void RunFinished(RunResult result) => Array.ForEach(observers, o => o.RunFinished(result));
}

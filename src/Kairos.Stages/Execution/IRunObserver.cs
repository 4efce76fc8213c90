using Kairos.Stages.Planning;

namespace Kairos.Stages.Execution;

/// <summary>Receives run events as they happen (progress, JSON Lines, run record).</summary>
public interface IRunObserver
{
    void RunStarted(Plan plan);

    void StepStarted(PlanEntry entry);

    void StepFinished(StepResult result);

    void RunFinished(RunResult result);
}

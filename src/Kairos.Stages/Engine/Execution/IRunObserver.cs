using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Engine.Execution;

/// <summary>Receives run events as they happen (progress, JSON Lines, run record).</summary>
public interface IRunObserver
{
    void RunStarted(Plan plan);

    void StepStarted(PlanEntry entry);

    /// <summary>A running step's progress (elapsed time, counted work, last output line); see <see cref="StepProgressTracker"/> for how often.</summary>
    void StepProgressed(StepProgress progress)
    {
    }

    void StepFinished(StepResult result);

    void RunFinished(RunResult result);
}

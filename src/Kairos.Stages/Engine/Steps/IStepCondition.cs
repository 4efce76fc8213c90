using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Steps;

/// <summary>One yip condition key; decides run or skip (with the reason) before any action runs.</summary>
public interface IStepCondition
{
    string Key { get; }

    bool IsPresent(Step step);

    Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken);
}

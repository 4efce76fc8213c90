using Kairos.Stages.Execution;
using Kairos.Stages.Model;

namespace Kairos.Stages.Conditions;

/// <summary>One yip condition key; decides run or skip (with the reason) before any action runs.</summary>
public interface IStepCondition
{
    string Key { get; }

    bool IsPresent(Step step);

    Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken);
}

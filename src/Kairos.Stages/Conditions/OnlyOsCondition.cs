using Kairos.Stages.Execution;
using Kairos.Stages.Model;

namespace Kairos.Stages.Conditions;

/// <summary><c>only_os</c>: a regex on the target's os-release PRETTY_NAME.</summary>
public sealed class OnlyOsCondition : IStepCondition
{
    public string Key => "only_os";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyOs);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var pretty = context.Build.Distro.PrettyName;
        return Task.FromResult(pretty.Length == 0
            ? ConditionResult.Skip($"only_os '{step.OnlyOs}' cannot match: the target's os-release has no PRETTY_NAME")
            : RegexCondition.Match(Key, step.OnlyOs!, pretty, "the OS name"));
    }
}

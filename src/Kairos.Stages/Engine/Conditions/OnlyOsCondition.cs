using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>only_os</c>: a regex on the target's os-release PRETTY_NAME.</summary>
public sealed class OnlyOsCondition : IBuildTimeCondition
{
    public string Key => "only_os";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyOs);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Decide(step, context.Build, context.Target.Files));

    public ConditionResult Decide(Step step, BuildContext build, IRootFileSystem root)
    {
        var pretty = build.Distro.PrettyName;
        return pretty.Length == 0
            ? ConditionResult.Skip($"only_os '{step.OnlyOs}' cannot match: the target's os-release has no PRETTY_NAME")
            : RegexCondition.Match(Key, step.OnlyOs!, pretty, "the OS name");
    }
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>node</c>: a regex on the target root's hostname (<c>/etc/hostname</c>).</summary>
public sealed class NodeCondition : IStepCondition
{
    public string Key => "node";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.Node);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var files = context.Target.Files;
        var hostname = files.FileExists("/etc/hostname") ? files.ReadAllText("/etc/hostname").Trim() : "";
        return Task.FromResult(RegexCondition.Match(Key, step.Node!, hostname, "the hostname"));
    }
}

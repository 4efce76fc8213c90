using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>if_files</c>: <c>all</c> exist, <c>any</c> exists, <c>none</c> exists, in the root; an empty list is no constraint.</summary>
public sealed class IfFilesCondition : IStepCondition
{
    public string Key => "if_files";

    public bool IsPresent(Step step) => step.IfFiles is { } f && (f.All.Count + f.Any.Count + f.None.Count) > 0;

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var files = context.Target.Files;
        var conditions = step.IfFiles!;
        var missing = conditions.All.Where(p => !files.Exists(p)).ToList();
        var present = conditions.None.Where(files.Exists).ToList();
        var result = missing.Count > 0
            ? ConditionResult.Skip($"if_files.all: {string.Join(", ", missing)} does not exist")
            : conditions.Any.Count > 0 && !conditions.Any.Any(files.Exists)
                ? ConditionResult.Skip($"if_files.any: none of {string.Join(", ", conditions.Any)} exists")
                : present.Count > 0
                    ? ConditionResult.Skip($"if_files.none: {string.Join(", ", present)} exists")
                    : ConditionResult.Pass;
        return Task.FromResult(result);
    }
}

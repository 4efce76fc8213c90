using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Platform;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>if</c>: the templated shell command runs with <c>sh -c</c> in the target; exit 0 runs the step.</summary>
public sealed class IfCondition : IStepCondition
{
    public string Key => "if";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.If);

    public async Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var script = context.Templates.Render(step.If!, w => context.Log.Warning("if: {Warning}", w));
        var result = await context.Target.RunAsync(new CommandRequest(script), cancellationToken);
        var shown = Redaction.Redact(script);
        if (result.Output.Length > 0)
        {
            context.Log.Debug("if '{Script}' printed: {Output}", shown, Redaction.Redact(result.Output.TrimEnd()));
        }

        return result.Succeeded ? ConditionResult.Pass : ConditionResult.Skip($"if '{shown}' exited with {result.ExitCode}");
    }
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>only_arch</c>: a regex on the build's Go architecture name (amd64, arm64, riscv64).</summary>
public sealed class OnlyArchCondition : IBuildTimeCondition
{
    public string Key => "only_arch";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyArch);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Decide(step, context.Build, context.Target.Files));

    public ConditionResult Decide(Step step, BuildContext build, IRootFileSystem root) =>
        RegexCondition.Match(Key, step.OnlyArch!, build.Arch, "the architecture");
}

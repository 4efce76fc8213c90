using Kairos.Stages.Execution;
using Kairos.Stages.Model;

namespace Kairos.Stages.Conditions;

/// <summary><c>only_arch</c>: a regex on the build's Go architecture name (amd64, arm64, riscv64).</summary>
public sealed class OnlyArchCondition : IStepCondition
{
    public string Key => "only_arch";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyArch);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(RegexCondition.Match(Key, step.OnlyArch!, context.Build.Arch, "the architecture"));
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>git</c>: boot-time only; refused at build time with a pointer to /system/oem cloud-configs.</summary>
public sealed class GitAction : IStepAction
{
    public string Key => "git";

    public bool IsPresent(Step step) => step.Git is { Url.Length: > 0 };

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        BootTimeOnly.Refuse(Key, context);
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>layout</c>: boot-time only; refused at build time with a pointer to /system/oem cloud-configs.</summary>
public sealed class LayoutAction : IStepAction
{
    public string Key => "layout";

    public bool IsPresent(Step step) => step.Layout is { Device: not null };

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        BootTimeOnly.Refuse(Key, context);
}

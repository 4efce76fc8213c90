using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>unpack_images</c>: boot-time only; refused at build time with a pointer to /system/oem cloud-configs.</summary>
public sealed class UnpackImagesAction : IStepAction
{
    public string Key => "unpack_images";

    public bool IsPresent(Step step) => step.UnpackImages.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        BootTimeOnly.Refuse(Key, context);
}

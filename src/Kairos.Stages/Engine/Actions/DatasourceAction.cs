using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>datasource</c>: boot-time only; refused at build time with a pointer to /system/oem cloud-configs.</summary>
public sealed class DatasourceAction : IStepAction
{
    public string Key => "datasource";

    public bool IsPresent(Step step) => step.Datasource is { Providers.Count: > 0 };

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        BootTimeOnly.Refuse(Key, context);
}

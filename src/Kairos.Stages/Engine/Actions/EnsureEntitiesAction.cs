using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>ensure_entities</c>: upsert user/group/shadow/gshadow lines in the root's account files.</summary>
public sealed class EnsureEntitiesAction : IStepAction
{
    public string Key => "ensure_entities";

    public bool IsPresent(Step step) => step.EnsureEntities.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(EntityRunner.Run(Key, step.EnsureEntities, context, (files, entity, path) =>
        {
            EntityEditor.Ensure(files, entity, path);
            return null;
        }));
}

using Kairos.Stages.Accounts;
using Kairos.Stages.Execution;
using Kairos.Stages.Model;

namespace Kairos.Stages.Actions;

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

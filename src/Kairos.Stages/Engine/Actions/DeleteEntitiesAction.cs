using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>delete_entities</c>: remove the matching line; when nothing matches, nothing changes (upstream removed the first line).</summary>
public sealed class DeleteEntitiesAction : IStepAction
{
    public string Key => "delete_entities";

    public bool IsPresent(Step step) => step.DeleteEntities.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(EntityRunner.Run(Key, step.DeleteEntities, context, (files, entity, path) =>
            EntityEditor.Delete(files, entity, path) ? null : $"no {entity.Kind} entry '{entity.Name}' to delete; nothing changed"));
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Actions;

/// <summary>The shared loop of the entity actions: template, parse, apply; messages never echo the entity (it may hold a password).</summary>
internal static class EntityRunner
{
    /// <summary>Runs <paramref name="apply"/> for each entity; a returned string is a warning.</summary>
    public static ActionOutcome Run(string key, IReadOnlyList<YipEntity> entities, ActionContext context, Func<IRootFileSystem, Entity, string?, string?> apply)
    {
        var outcome = new OutcomeBuilder(context, key);
        foreach (var item in entities)
        {
            try
            {
                var entity = Entity.Parse(outcome.Render(item.Entity));
                if (apply(context.Target.Files, entity, item.Path) is { } warning)
                {
                    outcome.Warn(warning);
                }
            }
            catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                if (outcome.Fail($"{key} entry at {item.Location} ({item.Path}): {error.Message}"))
                {
                    break;
                }
            }
        }

        return outcome.Build();
    }
}

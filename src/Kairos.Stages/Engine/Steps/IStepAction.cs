using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Steps;

/// <summary>One yip key's effect. Reads only its own key; does nothing when the key is absent.</summary>
public interface IStepAction
{
    /// <summary>The yip key this action handles (e.g. "files").</summary>
    string Key { get; }

    bool IsPresent(Step step);

    Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken);
}

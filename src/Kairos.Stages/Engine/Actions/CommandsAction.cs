using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>commands</c>: each entry templated and run with <c>sh -c</c> in the target, in list order.</summary>
public sealed class CommandsAction : IStepAction
{
    public string Key => "commands";

    public bool IsPresent(Step step) => step.Commands.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        foreach (var command in step.Commands)
        {
            var failure = await CommandRunner.RunAsync(context, outcome.Render(command), cancellationToken);
            if (failure is not null && outcome.Fail(failure))
            {
                break;
            }
        }

        return outcome.Build();
    }
}

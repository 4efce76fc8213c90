using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>systemd_firstboot</c>: one <c>systemd-firstboot</c> command with sorted <c>--key[=value]</c> arguments.</summary>
public sealed class SystemdFirstbootAction : IStepAction
{
    public string Key => "systemd_firstboot";

    public bool IsPresent(Step step) => step.SystemdFirstboot.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var failure = await CommandRunner.RunAsync(context, CommandLine(step.SystemdFirstboot), cancellationToken);
        if (failure is not null)
        {
            outcome.Fail(failure);
        }

        return outcome.Build();
    }

    public static string CommandLine(IEnumerable<KeyValue> settings)
    {
        var args = settings
            .Select(s => s.Value == "true" ? $"--{s.Key.ToLowerInvariant()}" : $"--{s.Key.ToLowerInvariant()}={s.Value}")
            .Order(StringComparer.Ordinal);
        return "systemd-firstboot " + string.Join(' ', args);
    }
}

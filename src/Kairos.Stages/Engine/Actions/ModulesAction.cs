using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>modules</c>: loads kernel modules not yet in <c>/proc/modules</c>; acts on the running kernel, so skipped at build time.</summary>
public sealed class ModulesAction : IStepAction
{
    public string Key => "modules";

    public bool IsPresent(Step step) => step.Modules.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        if (context.BuildTime)
        {
            outcome.Warn($"skipped at build time ({string.Join(", ", step.Modules)}): loading modules acts on the running kernel; " +
                "list them in /etc/modules-load.d instead");
            return outcome.Build();
        }

        var files = context.Target.Files;
        var loaded = files.FileExists("/proc/modules")
            ? files.ReadAllText("/proc/modules").Split('\n').Select(l => l.Split(' ')[0]).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var module in step.Modules)
        {
            var name = module.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (name.Length == 0 || loaded.Contains(name))
            {
                continue;
            }

            var failure = await CommandRunner.RunAsync(context, $"modprobe {module}", cancellationToken);
            if (failure is not null && outcome.Fail(failure))
            {
                break;
            }
        }

        return outcome.Build();
    }
}

using System.Text;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>sysctl</c>: writes each value under <c>/proc/sys</c> (no newline); acts on the running kernel, so skipped at build time.</summary>
public sealed class SysctlAction : IStepAction
{
    public string Key => "sysctl";

    public bool IsPresent(Step step) => step.Sysctl.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        if (context.BuildTime)
        {
            outcome.Warn($"skipped at build time ({string.Join(", ", step.Sysctl.Select(s => s.Key))}): sysctl acts on the running kernel; " +
                "put it in a boot-time cloud-config or a /etc/sysctl.d file instead");
            return Task.FromResult(outcome.Build());
        }

        foreach (var entry in step.Sysctl)
        {
            var path = "/proc/sys/" + entry.Key.Replace('.', '/');
            try
            {
                var files = context.Target.Files;
                if (files.FileExists(path))
                {
                    // /proc/sys entries cannot be replaced by rename: write in place.
                    files.WriteExisting(path, Encoding.UTF8.GetBytes(entry.Value));
                }
                else
                {
                    files.WriteFile(path, Encoding.UTF8.GetBytes(entry.Value), FileModes.Mode0644, 0, 0);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                if (outcome.Fail($"cannot set sysctl {entry.Key}: {error.Message}"))
                {
                    break;
                }
            }
        }

        return Task.FromResult(outcome.Build());
    }
}

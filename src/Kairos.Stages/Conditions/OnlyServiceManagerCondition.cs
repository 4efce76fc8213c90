using Kairos.Stages.Execution;
using Kairos.Stages.Model;

namespace Kairos.Stages.Conditions;

/// <summary><c>only_service_manager</c>: systemd or openrc, found in the root; both present or neither wanted skips.</summary>
public sealed class OnlyServiceManagerCondition : IStepCondition
{
    public string Key => "only_service_manager";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyServiceManager);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var wanted = step.OnlyServiceManager!.ToLowerInvariant();
        var files = context.Target.Files;
        var systemd = ServiceManagerProbe.HasSystemd(files);
        var openrc = ServiceManagerProbe.HasOpenRc(files);
        var result = wanted switch
        {
            not ("systemd" or "openrc") => ConditionResult.Skip($"only_service_manager '{step.OnlyServiceManager}' is neither systemd nor openrc"),
            _ when systemd && openrc => ConditionResult.Skip("only_service_manager: the root has both systemctl and openrc, so the service manager is ambiguous"),
            "systemd" when !systemd => ConditionResult.Skip("only_service_manager 'systemd': no systemctl in /sbin, /bin, /usr/sbin or /usr/bin of the root"),
            "openrc" when !openrc => ConditionResult.Skip("only_service_manager 'openrc': no openrc in /sbin, /bin, /usr/sbin or /usr/bin of the root"),
            _ => ConditionResult.Pass,
        };
        return Task.FromResult(result);
    }
}

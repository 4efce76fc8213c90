using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>only_service_manager</c>: systemd or openrc, found in the root; both present or neither wanted skips.</summary>
public sealed class OnlyServiceManagerCondition : IBuildTimeCondition
{
    public string Key => "only_service_manager";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyServiceManager);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Evaluate(step, context.Target.Files));

    /// <summary>Decided before the run only when the root has exactly one service manager: the install phase may add the first one.</summary>
    public ConditionResult? Decide(Step step, BuildContext build, IRootFileSystem root) =>
        ServiceManagerProbe.HasSystemd(root) != ServiceManagerProbe.HasOpenRc(root) || step.OnlyServiceManager!.ToLowerInvariant() is not ("systemd" or "openrc")
            ? Evaluate(step, root)
            : null;

    private static ConditionResult Evaluate(Step step, IRootFileSystem files)
    {
        var wanted = step.OnlyServiceManager!.ToLowerInvariant();
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
        return result;
    }
}

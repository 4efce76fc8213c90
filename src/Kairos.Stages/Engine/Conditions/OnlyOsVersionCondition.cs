using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Conditions;

/// <summary><c>only_os_version</c>: a regex on VERSION_ID (for rocky and almalinux the major version, as sysinfo reports it).</summary>
public sealed class OnlyOsVersionCondition : IBuildTimeCondition
{
    public string Key => "only_os_version";

    public bool IsPresent(Step step) => !string.IsNullOrEmpty(step.OnlyOsVersion);

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Decide(step, context.Build, context.Target.Files));

    public ConditionResult Decide(Step step, BuildContext build, IRootFileSystem root)
    {
        var version = Version(build.Distro.OsRelease);
        return version.Length == 0
            ? ConditionResult.Skip($"only_os_version '{step.OnlyOsVersion}' cannot match: the target's os-release has no VERSION_ID")
            : RegexCondition.Match(Key, step.OnlyOsVersion!, version, "the OS version");
    }

    internal static string Version(Target.Context.OsRelease os) =>
        os.Id is "rocky" or "almalinux" ? os.VersionId.Split('.')[0] : os.VersionId;
}

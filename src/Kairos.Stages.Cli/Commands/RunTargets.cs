using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Cli.Commands;

/// <summary>The target <c>run</c> acts on by default: the process itself for the host's "/", else a chroot into the root.</summary>
public static class RunTargets
{
    public static ITarget ForRoot(string root) => TargetSafety.IsHostRoot(root) ? new LocalTarget() : new ChrootTarget(root);
}

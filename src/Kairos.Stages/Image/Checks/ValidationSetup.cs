using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>The target validate runs its probes (lsinitrd) in: the root itself, or a chroot with mounts undone on dispose.</summary>
public static class ValidationSetup
{
    public static ITarget TargetFor(string root) =>
        TargetSafety.IsHostRoot(root) ? new LocalTarget() : new ChrootTarget(root);
}

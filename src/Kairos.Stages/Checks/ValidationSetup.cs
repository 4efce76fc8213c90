using Kairos.Stages.Checks.Adapters;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Checks;

/// <summary>
/// Builds what validate needs for a root directory. Temporary seam: it uses this folder's own
/// <c>ShellTarget</c> until the shared LocalTarget/ChrootTarget land; the lead swaps the target here.
/// </summary>
public static class ValidationSetup
{
    public static ITarget TargetFor(string root) => new ShellTarget(root);
}

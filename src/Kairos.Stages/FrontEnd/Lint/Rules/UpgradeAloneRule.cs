using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS513: <c>packages.upgrade: true</c> without install/remove/refresh does nothing under yip.</summary>
public sealed class UpgradeAloneRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            if (step.Packages is { Upgrade: true, Refresh: false, Install.Count: 0, Remove.Count: 0 })
            {
                bag.Warning(step.LocationOf("packages"), DiagnosticCodes.UpgradeAlone,
                    "packages.upgrade: true on its own does nothing under yip; add refresh: true (or an install list)");
            }
        }
    }
}

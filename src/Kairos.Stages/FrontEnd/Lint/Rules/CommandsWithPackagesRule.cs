using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS510: <c>commands</c> run before <c>packages</c> in one step, so a command cannot use a package from the same step.</summary>
public sealed class CommandsWithPackagesRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            if (step.Commands.Count > 0 && step.Packages is { } p && (p.Install.Count > 0 || p.Remove.Count > 0 || p.Refresh))
            {
                bag.Warning(step.LocationOf("packages"), DiagnosticCodes.CommandsWithPackages,
                    "this step has both commands and packages; commands run first, before the packages are installed — split it into two steps");
            }
        }
    }
}

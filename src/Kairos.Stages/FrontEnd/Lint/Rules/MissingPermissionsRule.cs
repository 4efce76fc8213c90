using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS508: files and directories without <c>permissions</c> get mode 0000 under yip.</summary>
public sealed class MissingPermissionsRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            foreach (var file in step.Files.Where(f => f.Permissions is null))
            {
                bag.Warning(file.Location, DiagnosticCodes.MissingPermissions, $"file '{file.Path}' has no permissions; yip writes it with mode 0000 (add e.g. permissions: 0644)");
            }

            foreach (var dir in step.Directories.Where(d => d.Permissions is null))
            {
                bag.Warning(dir.Location, DiagnosticCodes.MissingPermissions, $"directory '{dir.Path}' has no permissions; yip creates it with mode 0000 (add e.g. permissions: 0755)");
            }
        }
    }
}

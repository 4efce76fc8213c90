using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS512: <c>ownerstring</c> next to <c>owner</c>/<c>group</c>; the string wins and the numbers are ignored.</summary>
public sealed class OwnerStringRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            var entries = step.Files.Select(f => (f.Location, f.Path, f.OwnerString, f.Owner, f.Group))
                .Concat(step.Downloads.Select(d => (d.Location, d.Path, d.OwnerString, d.Owner, d.Group)));
            foreach (var e in entries.Where(e => e.OwnerString.Length > 0 && (e.Owner is not null || e.Group is not null)))
            {
                bag.Warning(e.Location, DiagnosticCodes.OwnerStringWithOwner,
                    $"'{e.Path}' sets ownerstring and owner/group; ownerstring wins and owner/group are ignored — keep one");
            }
        }
    }
}

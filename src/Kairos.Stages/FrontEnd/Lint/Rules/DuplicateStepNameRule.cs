using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS501: two steps of one stage list share a name, so yip renames every step of that list.</summary>
public sealed class DuplicateStepNameRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var block in context.Files.SelectMany(f => f.Stages))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var step in block.Steps.Where(s => s.Name.Length > 0))
            {
                if (seen.TryGetValue(step.Name, out var firstLine))
                {
                    bag.Warning(step.ValueLocationOf("name"), DiagnosticCodes.DuplicateStepName,
                        $"step name '{step.Name}' is used twice in stage '{block.Stage}' (first at line {firstLine}); yip then renames every step of this list to '<name>.<index>'");
                }
                else
                {
                    seen[step.Name] = step.LocationOf("name").Line;
                }
            }
        }
    }
}

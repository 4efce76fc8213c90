using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS504: a stage name nothing runs (neither a build stage nor a known boot-time stage).</summary>
public sealed class StageNameRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        var known = StageNames.All.Concat(context.Options.ExtraStageNames).ToList();
        foreach (var block in context.Files.SelectMany(f => f.Stages).Where(b => !known.Contains(b.Stage)))
        {
            var hint = Suggestions.Closest(block.Stage, known) is { } s ? $" — did you mean '{s}'?" : "";
            bag.Warning(block.Location, DiagnosticCodes.UnknownStage, $"stage '{block.Stage}' is neither a build stage nor a known boot-time stage; nothing runs it{hint}");
        }
    }
}

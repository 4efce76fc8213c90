using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint.Rules;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>The ordered list of semantic rules and the entry point that runs them all.</summary>
public static class SemanticRules
{
    public static readonly IReadOnlyList<ISemanticRule> All =
    [
        new DuplicateStepNameRule(),
        new AfterReferenceRule(),
        new StageNameRule(),
        new ConditionRegexRule(),
        new LowerCaseOnlyOsRule(),
        new MissingPermissionsRule(),
        new OwnerStringRule(),
        new CommandsWithPackagesRule(),
        new UpgradeAloneRule(),
        new RuntimeTemplateRule(),
        new BuildTimeKeyRule(),
    ];

    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<StageFile> files, SemanticOptions? options = null)
    {
        var context = new SemanticContext(files, options ?? SemanticOptions.Default);
        var bag = new DiagnosticBag();
        foreach (var rule in All)
        {
            rule.Check(context, bag);
        }

        return bag.Sorted();
    }
}

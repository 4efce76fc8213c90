using Kairos.Stages.Diagnostics;

namespace Kairos.Stages.Validation;

/// <summary>One semantic check over loaded stage files; rules are registered in <see cref="SemanticRules.All"/>.</summary>
public interface ISemanticRule
{
    void Check(SemanticContext context, DiagnosticBag bag);
}

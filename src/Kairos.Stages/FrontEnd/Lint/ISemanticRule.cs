using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>One semantic check over loaded stage files; rules are registered in <see cref="SemanticRules.All"/>.</summary>
public interface ISemanticRule
{
    void Check(SemanticContext context, DiagnosticBag bag);
}

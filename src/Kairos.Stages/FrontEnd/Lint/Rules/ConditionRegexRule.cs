using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Re2;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS505/KS506: condition regexes that do not compile, or that RE2 (yip's engine) would reject.</summary>
public sealed class ConditionRegexRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            Check(bag, step.ValueLocationOf("node"), "node", step.Node);
            Check(bag, step.ValueLocationOf("only_os"), "only_os", step.OnlyOs);
            Check(bag, step.ValueLocationOf("only_os_version"), "only_os_version", step.OnlyOsVersion);
            Check(bag, step.ValueLocationOf("only_arch"), "only_arch", step.OnlyArch);
        }
    }

    private static void Check(DiagnosticBag bag, SourceSpan at, string key, string? pattern)
    {
        if (pattern is null || Re2Pattern.Check(pattern) is not { } problem)
        {
            return;
        }

        var code = Re2Pattern.IsCompileError(problem) ? DiagnosticCodes.BadRegex : DiagnosticCodes.Re2Unsupported;
        bag.Error(at, code, $"{key} regex '{pattern}' {problem}");
    }
}

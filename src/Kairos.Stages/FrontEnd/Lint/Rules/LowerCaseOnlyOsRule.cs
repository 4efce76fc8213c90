using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS507: an all-lower-case <c>only_os</c> never matches, since it is tested case-sensitively against PRETTY_NAME.</summary>
public sealed class LowerCaseOnlyOsRule : ISemanticRule
{
    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            if (step.OnlyOs is { } pattern && IsAllLowerCase(pattern))
            {
                bag.Warning(step.ValueLocationOf("only_os"), DiagnosticCodes.LowerCaseOnlyOs,
                    $"only_os '{pattern}' is matched case-sensitively against PRETTY_NAME (e.g. \"Ubuntu 24.04 LTS\"), so it likely never matches; capitalise it or add (?i)");
            }
        }
    }

    private static bool IsAllLowerCase(string pattern)
    {
        if (pattern.Contains("(?i", StringComparison.Ordinal))
        {
            return false;
        }

        // Escapes such as \s and \d are not letters of the OS name.
        var letters = System.Text.RegularExpressions.Regex.Replace(pattern, @"\\.", "").Where(char.IsLetter).ToList();
        return letters.Count > 0 && letters.All(char.IsLower);
    }
}

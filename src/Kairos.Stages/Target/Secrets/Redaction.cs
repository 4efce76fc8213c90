using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Secrets;

/// <summary>Removes secrets from text that leaves the process: URL credentials, Authorization values, password-like assignments.</summary>
public static partial class Redaction
{
    public static string Redact(string text)
    {
        var result = UrlCredentials().Replace(text, "$1$2:***@");
        result = AuthorizationValue().Replace(result, "$1***");
        return PasswordAssignment().Replace(result, "$1***");
    }

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\s]+):[^@/\s]+@")]
    private static partial Regex UrlCredentials();

    // The value stops at a quote, so a quoted command or YAML scalar keeps its closing quote.
    [GeneratedRegex(@"(?i)(authorization\s*[:=]\s*[""']?(?:basic|bearer|token)?\s*)[^\s""']+")]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?i)((?:passwd|password|--password)\s*[:=]\s*[""']?)[^\s""']+")]
    private static partial Regex PasswordAssignment();
}

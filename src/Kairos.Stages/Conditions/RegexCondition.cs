using System.Text.RegularExpressions;

namespace Kairos.Stages.Conditions;

/// <summary>The shared rule of the regex conditions: unanchored, case-sensitive, RE2-only constructs; a bad pattern skips.</summary>
internal static class RegexCondition
{
    public static ConditionResult Match(string key, string pattern, string subject, string what)
    {
        var problem = Re2Compat.Check(pattern);
        if (problem is null)
        {
            try
            {
                return Regex.IsMatch(subject, Re2Compat.ToDotNet(pattern), RegexOptions.None, TimeSpan.FromSeconds(1))
                    ? ConditionResult.Pass
                    : ConditionResult.Skip($"{key} '{pattern}' does not match {what} '{subject}'");
            }
            catch (ArgumentException error)
            {
                problem = error.Message;
            }
            catch (RegexMatchTimeoutException)
            {
                problem = "matching took too long";
            }
        }

        return ConditionResult.Skip($"{key} '{pattern}' is not a valid RE2 regular expression: {problem}");
    }
}

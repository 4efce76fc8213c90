using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Re2;

namespace Kairos.Stages.Engine.Conditions;

/// <summary>The shared rule of the regex conditions: unanchored, case-sensitive, RE2-only constructs; a bad pattern skips.</summary>
internal static class RegexCondition
{
    public static ConditionResult Match(string key, string pattern, string subject, string what)
    {
        var problem = Re2Pattern.Check(pattern);
        if (problem is null)
        {
            try
            {
                return Re2Pattern.Compile(pattern).IsMatch(subject)
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

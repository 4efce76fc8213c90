using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Tests.Validation;

/// <summary>Lint and the run-time conditions agree on every pattern: what lint accepts compiles at run time, what run time rejects is a lint error.</summary>
public sealed class Re2ConsistencyTests
{
    /// <summary>RE2 spellings .NET lacks, RE2-only rejections, and plain mistakes.</summary>
    public static TheoryData<string> Patterns => new(
        @"\pL+", @"\PL", @"\p{Greek}", @"[\pL\d]+", "(?P<name>Debian)", "(?P<x>a)(?:b)", @"Debian\z", @"\QDebian.*\E", @"\Q(?=\E", @"a\Q", "[[:alpha:]]+",
        "[^[:digit:]]", "[[:^alpha:]]", "[[:bogus:]]", "[:alpha:]", "(?i)debian", "(?U)a+", "(?x)a b", "(?=x)", "(?<=x)y", @"(a)\1", @"\k<n>",
        "(?>abc)", "a*+", @"end\Z", @"\G", "(?(x)a|b)", "a{1001}", "a{2,1000}", "(", "[", "a)", @"\", "x**", "[z-a]", @"Red\sHat.*", @"\e", @"\x{41}");

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Lint_and_run_time_give_the_same_verdict(string pattern)
    {
        // arrange
        var yaml = $"stages:\n  init:\n    - name: s\n      only_os: '{pattern.Replace("'", "''", StringComparison.Ordinal)}'\n      commands: [\"true\"]\n";

        // act
        var lintErrors = Linter.Lint([new LintInput("/x/10-re2.yaml", yaml)])
            .Where(d => d.Code is DiagnosticCodes.BadRegex or DiagnosticCodes.Re2Unsupported)
            .ToList();
        var runTime = RegexCondition.Match("only_os", pattern, "Debian GNU/Linux", "os");
        var rejectedAtRunTime = runTime.Reason?.Contains("is not a valid RE2 regular expression", StringComparison.Ordinal) == true;

        // assert
        Assert.True(
            lintErrors.Count > 0 == rejectedAtRunTime,
            $"'{pattern}': lint {(lintErrors.Count > 0 ? "rejects: " + lintErrors[0].Message : "accepts")}; run time {(rejectedAtRunTime ? "rejects: " + runTime.Reason : "accepts")}");
    }

    [Theory]
    [InlineData(@"\pL+ GNU", "Debian GNU/Linux", true)]
    [InlineData(@"\QGNU/Linux\E$", "Debian GNU/Linux", true)]
    [InlineData(@"\QDebian.*\E", "Debian GNU/Linux", false)]
    [InlineData("^[[:alpha:]]+ GNU", "Debian GNU/Linux", true)]
    [InlineData("^[:alpha:]+$", "hal", true)]
    [InlineData("^[:alpha:]+$", "abc", false)]
    [InlineData(@"Linux\z", "Debian GNU/Linux", true)]
    public void Re2_spellings_match_what_go_matches(string pattern, string subject, bool matches)
    {
        // act
        var result = RegexCondition.Match("only_os", pattern, subject, "os");

        // assert
        Assert.Equal(matches, result.Run);
    }
}

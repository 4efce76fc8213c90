using Kairos.Stages.FrontEnd.Re2;

namespace Kairos.Stages.Tests.Validation;

public sealed class Re2PatternTests
{
    [Theory]
    [InlineData("Ubuntu.*|Debian.*")]
    [InlineData(@"Red\sHat.*")]
    [InlineData("[Oo]penSUSE.*|SUSE.*|SLES.*")]
    [InlineData(@"10\..*")]
    [InlineData("amd64|arm64|riscv64")]
    [InlineData("(?i)ubuntu")]
    [InlineData("(?P<name>x)(?:y)")]
    [InlineData(@"[(?=]\z")]
    [InlineData("a{2,1000}")]
    [InlineData(@"\pL+")]
    public void Patterns_re2_accepts_pass(string pattern)
    {
        // arrange / act / assert
        Assert.Null(Re2Pattern.Check(pattern));
    }

    [Theory]
    [InlineData("^(?!ubuntu).*", "lookahead")]
    [InlineData("(?=x)", "lookahead")]
    [InlineData("(?<=x)y", "lookbehind")]
    [InlineData("(?<!x)y", "lookbehind")]
    [InlineData(@"(a)\1", "backreference")]
    [InlineData(@"(?<n>a)\k<n>", "backreference")]
    [InlineData("(?>abc)", "atomic")]
    [InlineData("a*+", "possessive")]
    [InlineData(@"end\Z", @"\Z")]
    [InlineData("(?(x)a|b)", "conditional")]
    [InlineData("(?x) a b", "inline flag")]
    [InlineData("a{1001}", "above 1000")]
    [InlineData("(", "does not compile")]
    public void Constructs_re2_rejects_are_named(string pattern, string expected)
    {
        // arrange / act
        var problem = Re2Pattern.Check(pattern);

        // assert
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}

using Kairos.Stages.Engine.Actions;

namespace Kairos.Stages.Tests.Actions;

public sealed class DotEnvTests
{
    [Fact]
    public void Parses_comments_export_quotes_and_expansion()
    {
        // arrange
        var text = "# c\nexport A=1\nB='single $A'\nC=\"double ${A} \\$A \\n\"\nD=plain # trailing comment\nE=\"multi\nline\"\n";

        // act
        var values = DotEnv.Parse(text);

        // assert
        Assert.Equal("1", values["A"]);
        Assert.Equal("single $A", values["B"]);
        Assert.Equal("double 1 $A \n", values["C"]);
        Assert.Equal("plain", values["D"]);
        Assert.Equal("multi\nline", values["E"]);
    }

    [Theory]
    [InlineData("0", "K=0\n")]
    [InlineData("007", "K=7\n")]
    [InlineData("+5", "K=5\n")]
    [InlineData("-3", "K=-3\n")]
    [InlineData("1.5", "K=\"1.5\"\n")]
    [InlineData("99999999999999999999", "K=\"99999999999999999999\"\n")]
    [InlineData(" 1", "K=\" 1\"\n")]
    [InlineData("", "K=\"\"\n")]
    public void Writes_integers_bare_and_everything_else_quoted(string value, string expected)
    {
        // act + assert
        Assert.Equal(expected, DotEnv.Write(new Dictionary<string, string> { ["K"] = value }));
    }
}

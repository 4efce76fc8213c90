using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Version_command_prints_tool_version()
    {
        // arrange
        var output = new StringWriter();

        // act
        var code = await CliApp.RunAsync(["version"], output, new StringWriter());

        // assert
        Assert.Equal(0, code);
        Assert.StartsWith("kairos-stages version 0.1.0", output.ToString());
    }
}

using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Faults;

/// <summary>A forked stages directory missing its data files is bad input: exit 2 and a message, never an unhandled exception.</summary>
public sealed class ForkedStagesTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("plan")]
    public async Task A_forked_stages_directory_without_its_package_data_is_an_input_error(string command)
    {
        // arrange
        using var root = new TempRoot();
        root.Write("etc/os-release", "ID=debian\nVERSION_ID=12\n");
        var stages = root.CreateDirectory("forked-stages");
        var error = new StringWriter();
        string[] dryRun = command == "run" ? ["--dry-run"] : [];

        // act
        var code = await CliApp.RunAsync([command, "--root", root.Path, "--stages-dir", stages, "--version", "1.0.0", .. dryRun], new StringWriter(), error);

        // assert
        Assert.Equal(2, code);
        Assert.Contains("data/packages.yaml is missing", error.ToString());
        Assert.Contains("nothing was executed", error.ToString());
        Assert.DoesNotContain("Unhandled", error.ToString());
    }
}

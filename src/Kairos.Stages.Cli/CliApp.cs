using System.CommandLine;

namespace Kairos.Stages.Cli;

/// <summary>Builds the command tree and maps outcomes to exit codes (0 ok, 1 failed, 2 usage/input).</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = new RootCommand("kairos-stages: turn a container image into a Kairos-ready image from declarative yip stage files");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(StagesCommand.Create());
        root.Subcommands.Add(StepsInfoCommand.Create());
        root.Subcommands.Add(LintCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        return await root.Parse(args).InvokeAsync(config);
    }
}

using System.CommandLine;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Lint;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages schema</c>: prints the JSON Schema of stage files (for yaml-language-server and other editors).</summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "print the JSON Schema of stage files (point yaml-language-server at it)");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(StageFileSchema.Text);
            return ExitCodes.Success;
        });
        return command;
    }
}

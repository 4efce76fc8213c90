using System.CommandLine;
using System.Reflection;

namespace Kairos.Stages.Cli;

/// <summary><c>kairos-stages version</c>.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "print the tool version");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            parse.InvocationConfiguration.Output.WriteLine($"kairos-stages version {version.Split('+')[0]}");
            return ExitCodes.Success;
        });
        return command;
    }
}

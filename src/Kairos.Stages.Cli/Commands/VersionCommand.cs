using System.CommandLine;
using System.Reflection;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary>
/// <c>kairos-stages version</c>: the tool's version, then, as <c>kairos-init version</c> lists the versions of the
/// binaries it embeds, the release each bundled artifact is pinned to (stages/data/artifacts.yaml).
/// </summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "print the tool version and the pinned versions of the artifacts it installs");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            output.WriteLine($"kairos-stages version {version.Split('+')[0]}");
            var catalog = ArtifactCatalog.Parse(new EmbeddedStageSource().ReadText(ArtifactCatalog.DataPath) ?? "");
            output.WriteLine("Pinned artifact versions:");
            foreach (var name in catalog.Names)
            {
                output.WriteLine($"  {name}: {catalog.PinnedVersion(name)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary>Chooses the stage source from <c>--stages-dir</c>: the bundled stages when absent, the directory when it exists.</summary>
public static class BuildStageSource
{
    /// <exception cref="UsageException">The directory does not exist.</exception>
    public static IStageSource From(ParseResult parse, Option<string?> stagesDir)
    {
        if (parse.GetValue(stagesDir) is not { Length: > 0 } dir)
        {
            return new EmbeddedStageSource();
        }

        if (!Directory.Exists(dir))
        {
            throw new UsageException($"--stages-dir: directory '{dir}' does not exist (create one with 'kairos-stages stages export {dir}')");
        }

        return new DirectoryStageSource(dir);
    }
}

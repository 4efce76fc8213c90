using System.CommandLine;
using Kairos.Stages.Rendering;

namespace Kairos.Stages.Cli;

/// <summary>Chooses the stage source from <c>--stages-dir</c>: the bundled stages when absent, the directory when it exists.</summary>
public static class BuildStageSource
{
    public static IStageSource? From(ParseResult parse, Option<string?> stagesDir)
    {
        if (parse.GetValue(stagesDir) is not { Length: > 0 } dir)
        {
            return new EmbeddedStageSource();
        }

        if (!Directory.Exists(dir))
        {
            parse.InvocationConfiguration.Error.WriteLine(
                $"error: --stages-dir: directory '{dir}' does not exist (create one with 'kairos-stages stages export {dir}')");
            return null;
        }

        return new DirectoryStageSource(dir);
    }
}

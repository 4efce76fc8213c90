using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Cli.Terminal;

/// <summary>Prints a pipeline's diagnostics and errors to stderr; returns the prepared run or null (exit 2).</summary>
public static class PipelineReporter
{
    public static PreparedRun? Report(PipelineResult result, TextWriter error)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        foreach (var message in result.Errors)
        {
            error.WriteLine($"error: {message}");
        }

        if (!result.Success)
        {
            error.WriteLine("nothing was executed: fix the errors above (kairos-stages lint shows them too)");
        }

        return result.Run;
    }
}

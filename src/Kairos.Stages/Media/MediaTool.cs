using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Media;

/// <summary>Runs one of the field's tools (mksquashfs, xorriso, grub-mkimage, mkfs.vfat, mcopy, umoci, …) through <see cref="ProgramRunner"/>; a failure becomes a <see cref="MediaException"/> saying what the tool was for.</summary>
public static class MediaTool
{
    /// <summary>Runs and returns the merged output; a missing tool or a non-zero exit throws <see cref="MediaException"/> (exit 1) with the command line and the output's tail.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, string? why = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var call = new ProgramCall(program, [.. arguments]);
        if (environment is not null)
        {
            call = call with { Environment = environment };
        }

        try
        {
            return (await ProgramRunner.RunCheckedAsync(call, cancellationToken)).Output;
        }
        catch (ProgramException e)
        {
            throw new MediaException($"{why ?? program} failed: '{call.CommandLine}': {e.Message}", ExitCodes.Failed, e);
        }
    }
}

using Kairos.Stages.Engine.Pipeline;

namespace Kairos.Stages.Media;

/// <summary>build-iso could not make the ISO: the message names the cause; <see cref="ExitCode"/> is <see cref="ExitCodes.Usage"/> for bad input (source, flags, output dir) and <see cref="ExitCodes.Failed"/> for a failed step.</summary>
public sealed class MediaException(string message, int exitCode = ExitCodes.Failed, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static MediaException Input(string message) => new(message, ExitCodes.Usage);
}

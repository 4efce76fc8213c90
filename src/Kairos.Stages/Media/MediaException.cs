namespace Kairos.Stages.Media;

/// <summary>build-iso could not make the ISO: the message names the cause; <see cref="ExitCode"/> is 2 for bad input (source, flags, output dir) and 1 for a failed step.</summary>
public sealed class MediaException(string message, int exitCode = 1, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static MediaException Input(string message) => new(message, 2);
}

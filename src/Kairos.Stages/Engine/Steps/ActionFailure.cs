namespace Kairos.Stages.Engine.Steps;

/// <summary>One failed item of an action: what failed and, for commands, the command, exit code and output tail.</summary>
public sealed record ActionFailure(string Message)
{
    public string? Command { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The last lines of the command's output (stdout and stderr merged).</summary>
    public string? OutputTail { get; init; }

    /// <summary>An outcome for an exception an action let escape (file system errors and the like).</summary>
    public static ActionOutcome From(string key, Exception exception) =>
        ActionOutcome.Failed(new ActionFailure($"{key}: {exception.Message}"));
}

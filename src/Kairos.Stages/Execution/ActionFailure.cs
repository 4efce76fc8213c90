namespace Kairos.Stages.Execution;

/// <summary>One failed item of an action: what failed and, for commands, the command, exit code and output tail.</summary>
public sealed record ActionFailure(string Message)
{
    public string? Command { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The last lines of the command's output (stdout and stderr merged).</summary>
    public string? OutputTail { get; init; }
}

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>The one mapping from outcomes to process exit codes, for every program the repository ships (kairos-stages and its media commands, kairos-factory); README "Exit codes" documents the same.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A step or a tool failed, a server could not start, or lint/validate found errors.</summary>
    public const int Failed = 1;

    /// <summary>Invalid usage or invalid input (files, flags, a media source): nothing was executed.</summary>
    public const int Usage = 2;

    /// <summary>A bug in kairos-stages (an exception nobody expected): sysexits' EX_SOFTWARE, distinct from "a step failed".</summary>
    public const int Internal = 70;

    /// <summary>Stopped by SIGINT (128 + 2) when no signal-specific code is known.</summary>
    public const int Interrupted = 130;

    public static int Of(bool ok) => ok ? Success : Failed;

    public static int Of(BuildOutcome outcome) => outcome.Status switch
    {
        BuildStatus.Succeeded or BuildStatus.Planned => Success,
        BuildStatus.Invalid => Usage,
        BuildStatus.Cancelled => outcome.SignalExitCode ?? Interrupted,
        _ => Failed,
    };
}

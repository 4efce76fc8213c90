using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>A command was stopped because the process received SIGINT or SIGTERM; mounts are already undone.</summary>
public sealed class TargetInterruptedException : OperationCanceledException
{
    public TargetInterruptedException(PosixSignal signal, int exitCode)
        : base($"interrupted by {signal}: the running command was killed and the mounts were undone")
    {
        Signal = signal;
        ExitCode = exitCode;
    }

    public TargetInterruptedException()
        : this(PosixSignal.SIGTERM, 143)
    {
    }

    public TargetInterruptedException(string message)
        : base(message)
    {
    }

    public TargetInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PosixSignal Signal { get; }

    /// <summary>130 for SIGINT, 143 for SIGTERM: what the process should exit with.</summary>
    public int ExitCode { get; } = 143;
}

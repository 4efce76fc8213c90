using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>Turns SIGINT and SIGTERM into a cancellation (instead of an abrupt exit) so mounts can be undone; remembers which came first.</summary>
public sealed class SignalGuard : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Func<PosixSignal, bool>? _shouldCatch;
    private int _received;

    /// <param name="shouldCatch">
    /// Asked at each signal: true keeps the process alive (the token is cancelled for the caller to
    /// wind down), false lets the default action end the process after the callback's own cleanup.
    /// Null: always keep alive.
    /// </param>
    public SignalGuard(Func<PosixSignal, bool>? shouldCatch = null)
    {
        _shouldCatch = shouldCatch;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled at the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Received => _received switch { 2 => PosixSignal.SIGINT, 15 => PosixSignal.SIGTERM, _ => null };

    /// <summary>The conventional exit code for the signal received: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int? ExitCode => _received == 0 ? null : 128 + _received;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = _shouldCatch?.Invoke(context.Signal) ?? true;
        Interlocked.CompareExchange(ref _received, context.Signal == PosixSignal.SIGINT ? 2 : 15, 0);
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the guard was disposed while the signal was delivered
        }
    }
}

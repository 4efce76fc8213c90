using System.Runtime.InteropServices;

namespace Kairos.Stages.Platform;

/// <summary>Turns SIGINT and SIGTERM into a cancellation (instead of an abrupt exit) so mounts can be undone; remembers which came first.</summary>
public sealed class SignalGuard : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public SignalGuard()
    {
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
        context.Cancel = true;
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

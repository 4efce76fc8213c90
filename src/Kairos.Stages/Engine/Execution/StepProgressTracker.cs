using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.Execution;

/// <summary>
/// The progress of one running step, passed to the observers: on every tick of the clock (so
/// elapsed time moves and heartbeats can be timed even when a tool prints nothing), and on a
/// change of work or output at most every <see cref="MinimumInterval"/> (a chatty command must
/// not turn every output line into a redraw). <see cref="Complete"/> passes the last state on,
/// so a count that reached N of N is never lost to the throttle.
/// </summary>
public sealed partial class StepProgressTracker : IStepProgress, IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);

    private readonly PlanEntry _entry;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private WorkProgress? _work;
    private string? _line;
    private bool _pending;
    private bool _finished;
    private TimeSpan? _lastPassed;

    public StepProgressTracker(PlanEntry entry, IRunObserver observer, TimeProvider time)
    {
        (_entry, _observer, _time) = (entry, observer, time);
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(_ => OnTick(), null, Tick, Tick);
    }

    public void Work(WorkProgress work)
    {
        lock (_gate)
        {
            if (!_finished && work != _work)
            {
                _work = work;
                Changed();
            }
        }
    }

    public void Output(string line)
    {
        var text = Printable(line);
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_finished)
            {
                _line = text;
                Changed();
            }
        }
    }

    /// <summary>The step is over: no more ticks; a change the throttle held back is passed on now.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            _timer.Dispose();
            if (_pending)
            {
                Pass(Elapsed);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _finished = true;
        }

        _timer.Dispose();
    }

    /// <summary>
    /// What a terminal can show of a tool's line: the text after its last carriage return (a tool's
    /// own redraws), without colour sequences or other control characters.
    /// </summary>
    internal static string Printable(string line)
    {
        var trimmed = line.TrimEnd('\r', '\n');
        var visible = Escape().Replace(trimmed[(trimmed.LastIndexOf('\r') + 1)..], "");
        return new string([.. visible.Where(c => !char.IsControl(c))]).Trim();
    }

    [GeneratedRegex(@"\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])")]
    private static partial Regex Escape();

    private TimeSpan Elapsed => _time.GetElapsedTime(_started);

    private void OnTick()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                Pass(Elapsed);
            }
        }
    }

    private void Changed()
    {
        _pending = true;
        var now = Elapsed;
        if (_lastPassed is not { } last || now - last >= MinimumInterval)
        {
            Pass(now);
        }
    }

    private void Pass(TimeSpan now)
    {
        _pending = false;
        _lastPassed = now;
        _observer.StepProgressed(new StepProgress(_entry, now, _work, _line));
    }
}

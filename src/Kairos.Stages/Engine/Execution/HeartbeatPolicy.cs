using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Engine.Execution;

/// <summary>
/// When a quiet channel (a build log, a JSON stream) should say a step is still running: once it
/// has run <see cref="Interval"/>, then at most every <see cref="Interval"/>, timed by the step's
/// own elapsed time so a fake clock drives it in tests.
/// </summary>
public sealed class HeartbeatPolicy
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private PlanEntry? _step;
    private TimeSpan? _last;

    /// <summary>True when <paramref name="progress"/> should be shown as a heartbeat (and counts it as shown).</summary>
    public bool Due(StepProgress progress)
    {
        if (!ReferenceEquals(_step, progress.Entry))
        {
            (_step, _last) = (progress.Entry, null);
        }

        if (progress.Elapsed < Interval || (_last is { } last && progress.Elapsed - last < Interval))
        {
            return false;
        }

        _last = progress.Elapsed;
        return true;
    }

    /// <summary>Something else was shown at <paramref name="progress"/>: the next heartbeat is due an interval later.</summary>
    public void Shown(StepProgress progress)
    {
        (_step, _last) = (progress.Entry, progress.Elapsed);
    }
}

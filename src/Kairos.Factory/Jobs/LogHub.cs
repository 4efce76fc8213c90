using System.Collections.Concurrent;

namespace Kairos.Factory.Jobs;

/// <summary>Wakes log followers when a job's log grows or the job ends (followers re-read the file; nothing is buffered here).</summary>
public sealed class LogHub
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    public void Notify(string jobId)
    {
        if (_signals.TryRemove(jobId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Completes when the job's log changes, or after <paramref name="timeout"/> (followers poll as a safety net).</summary>
    public async Task WaitAsync(string jobId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // a quiet build: the follower checks the job's state and waits again
        }
    }
}

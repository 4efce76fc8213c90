using Kairos.Factory.Store;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>At start, before any worker: jobs a dead server left running fail as interrupted, and their leftovers are removed.</summary>
public sealed class Recovery(JobStore store, LeftoverCleaner cleaner, JobRunner runner) : IHostedService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var interrupted = store.FailInterrupted(DateTimeOffset.UtcNow);
            await cleaner.CleanAllAsync();
            foreach (var id in interrupted)
            {
                if (store.Get(id) is { } job)
                {
                    runner.LogOf(job).Write("end", "failed: interrupted by server restart");
                }
            }

            if (interrupted.Count > 0)
            {
                Log.Warning("{Count} builds were interrupted by a server restart and are marked failed", interrupted.Count);
            }

            _done.TrySetResult();
        }
        catch (Exception exception)
        {
            _done.TrySetException(exception);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

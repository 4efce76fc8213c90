using Kairos.Factory.Store;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Once the server listens, before any worker takes a job: the leftovers of a dead server are removed and the jobs it
/// left running fail as interrupted. Nothing of it runs before Kestrel listens (a job's data can never keep the API
/// down), and a failure (a full disk) is retried every few seconds while the API answers.
/// </summary>
public sealed class Recovery(FactoryOptions options, JobStore store, LeftoverCleaner cleaner, JobRunner runner, IHostApplicationLifetime lifetime) : IHostedService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    /// <summary>The last failure while recovery is retrying, else null (shown by /readyz).</summary>
    public string? LastError { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => RecoverAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    private async Task RecoverAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RecoverOnceAsync();
                LastError = null;
                _done.TrySetResult();
                return;
            }
            catch (Exception exception)
            {
                LastError = exception.Message;
                Log.Error(exception, "Start-up recovery failed; the API answers meanwhile, and recovery is tried again in {Delay}", RetryEvery);
            }

            try
            {
                await Task.Delay(RetryEvery, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _done.TrySetCanceled(stopping);
    }

    private async Task RecoverOnceAsync()
    {
        // leftovers first: a dead build's work dir is often what filled the disk
        await cleaner.CleanAllAsync();
        var now = DateTimeOffset.UtcNow;
        var interrupted = store.FailInterrupted(now, now + options.Retention);
        foreach (var id in interrupted)
        {
            try
            {
                if (store.Get(id) is { } job)
                {
                    runner.LogOf(job).Write("end", "failed: interrupted by server restart");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or YamlDotNet.Core.YamlException)
            {
                Log.Warning("The log of interrupted build {Job} could not be ended: {Reason}", id, exception.Message);
            }
        }

        store.Reserve.Refill(); // after the clean-up freed space and the interrupted builds are recorded
        if (interrupted.Count > 0)
        {
            Log.Warning("{Count} builds were interrupted by a server restart and are marked failed", interrupted.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

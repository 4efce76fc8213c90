using Kairos.Factory.Store;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>N in-process workers taking queued jobs oldest first; N is the limit on concurrent builds.</summary>
public sealed class WorkerPool(FactoryOptions options, JobStore store, JobRunner runner, JobCancellations cancellations, LeftoverCleaner cleaner, LogHub hub, Recovery recovery)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Called after a job is queued: one idle worker looks at once instead of at its next poll.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await recovery.Done.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var workers = Enumerable.Range(1, Math.Max(1, options.Workers)).Select(index => WorkAsync(index, stoppingToken)).ToList();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(int worker, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            JobRecord? job;
            try
            {
                job = store.ClaimNext(DateTimeOffset.UtcNow);
            }
            catch (Exception exception)
            {
                Log.Error(exception, "Worker {Worker} could not read the queue", worker);
                job = null;
            }

            if (job is null)
            {
                try
                {
                    await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            try
            {
                await RunOneAsync(worker, job, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // a worker that throws stops the host: whatever the end of a build could not record, the server stays up
                // (the job stays running in the store; the next start marks it interrupted)
                Log.Error(exception, "Worker {Worker} could not record the end of build {Job}", worker, job.Id);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task RunOneAsync(int worker, JobRecord job, CancellationToken stoppingToken)
    {
        Log.Information("Worker {Worker} starts build {Job} ({Builder})", worker, job.Id, job.Spec.Builder);
        hub.Notify(job.Id);
        var source = cancellations.Start(job.Id, stoppingToken);
        string status;
        string? message = null;
        try
        {
            await runner.RunAsync(job, source.Token);
            status = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // server shutting down: the job stays running in the store and the next start marks it interrupted
            cancellations.End(job.Id);
            await CleanAsync(job.Id);
            return;
        }
        catch (OperationCanceledException)
        {
            status = JobStatus.Cancelled;
            message = "cancelled by request";
        }
        catch (Exception exception)
        {
            status = JobStatus.Failed;
            message = exception is StepFailedException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
            if (DataDirSpace.FullNote(options.DataDir) is { } full)
            {
                message = $"{full}: {message}";
            }
            else if (Store.DiskReserve.IsFull(exception))
            {
                message = $"No space left on device in the data dir ({options.DataDir}): {message}";
            }
        }
        finally
        {
            cancellations.End(job.Id);
        }

        await CleanAsync(job.Id);
        try
        {
            var log = runner.LogOf(job);
            message = message is null ? null : log.Mask.Apply(message);
            log.Write("end", message is null ? status : $"{status}: {message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            // a full disk must not keep the job running; the message is masked by the engine's rule alone
            message = message is null ? null : Kairos.Stages.Target.Secrets.Redaction.Redact(message);
        }

        store.Finish(job.Id, status, message, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + options.Retention);
        hub.Notify(job.Id);
        Log.Information("Build {Job} {Status}", job.Id, status);
    }

    /// <summary>A clean-up that fails is logged: it must neither keep the job running nor stop the server (a worker that throws stops the host).</summary>
    private async Task CleanAsync(string jobId)
    {
        try
        {
            await cleaner.CleanJobAsync(jobId);
        }
        catch (Exception exception)
        {
            Log.Error(exception, "Clean-up of build {Job} failed; its work dir is cleaned at the next start", jobId);
        }
    }
}

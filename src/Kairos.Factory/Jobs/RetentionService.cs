using Kairos.Factory.Store;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>
/// Retention for everything a build leaves: its artifacts when its expiry (finished + retention, shown by the API)
/// passes; its record and log one retention later; uploads one retention after their upload, unless a queued or
/// running build still needs them; old unnamed images of the shared podman store (<see cref="BuildStoreRetention"/>).
/// </summary>
public sealed class RetentionService(FactoryOptions options, JobStore store) : BackgroundService
{
    public void SweepOnce(DateTimeOffset now)
    {
        foreach (var id in store.Expired(now))
        {
            var directory = Path.Combine(options.JobsDir, id, "artifacts");
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            store.MarkArtifactsDeleted(id, now);
            Log.Information("Retention deleted the artifacts of build {Job}", id);
        }

        foreach (var id in store.Forgotten(now, options.Retention))
        {
            var directory = Path.Combine(options.JobsDir, id);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            store.Delete(id);
            Log.Information("Retention deleted build {Job} (its record and log)", id);
        }

        if (Directory.Exists(options.UploadsDir))
        {
            var inUse = store.UploadsInUse();
            foreach (var upload in Directory.GetFiles(options.UploadsDir))
            {
                var name = Path.GetFileName(upload);
                var id = name.Split('.')[0];
                if (!inUse.Contains(id) && File.GetLastWriteTimeUtc(upload) + options.Retention <= now.UtcDateTime)
                {
                    File.Delete(upload);
                    Log.Information("Retention deleted upload {Upload}", name);
                }
            }
        }

        store.Reserve.Refill();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RetentionSweep);
        do
        {
            try
            {
                SweepOnce(DateTimeOffset.UtcNow);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                Log.Error(exception, "Retention sweep failed");
            }

            try
            {
                await BuildStoreRetention.SweepAsync(options, store, stoppingToken).ConfigureAwait(false);
            }
            catch (Kairos.Stages.Target.Platform.ProgramException exception)
            {
                Log.Error(exception, "Pruning the build store failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

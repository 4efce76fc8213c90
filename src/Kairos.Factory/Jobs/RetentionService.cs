using Kairos.Factory.Store;
using Serilog;

namespace Kairos.Factory.Jobs;

/// <summary>Deletes the artifacts of builds whose expiry (finished + retention, shown by the API) has passed.</summary>
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

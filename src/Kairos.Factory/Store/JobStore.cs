using System.Globalization;
using System.Text.Json;
using Kairos.Factory.Api;
using Microsoft.Data.Sqlite;

namespace Kairos.Factory.Store;

/// <summary>Jobs and their artifacts in SQLite (WAL) in the data directory; one short connection per call.</summary>
public sealed partial class JobStore
{
    private readonly string _connectionString;
    private readonly string _dataDir;

    public JobStore(FactoryOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        Reserve = new DiskReserve(options.DataDir);
        _dataDir = options.DataDir;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.StorePath,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        StoreMigrations.Apply(connection);
        Reserve.Refill();
    }

    /// <summary>Space kept for the writes a full disk must not stop (a build's end, interrupted builds, deletes).</summary>
    public DiskReserve Reserve { get; }

    public void Insert(JobRecord job)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO jobs (id, status, message, spec, created_at) VALUES ($id, $status, $message, $spec, $created)";
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$status", job.Status);
        command.Parameters.AddWithValue("$message", (object?)job.Message ?? DBNull.Value);
        command.Parameters.AddWithValue("$spec", JsonSerializer.Serialize(job.Spec, FactoryJson.Options));
        command.Parameters.AddWithValue("$created", Time(job.CreatedAt));
        command.ExecuteNonQuery();
    }

    public JobRecord? Get(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Newest first; <paramref name="status"/> null means every status.</summary>
    public (IReadOnlyList<JobRecord> Jobs, int Total) List(string? status, int limit, int offset)
    {
        using var connection = Open();
        var filter = status is null ? "" : "WHERE status = $status";
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM jobs {filter}";
        using var page = connection.CreateCommand();
        page.CommandText = $"SELECT {Columns} FROM jobs {filter} ORDER BY created_at DESC, id DESC LIMIT $limit OFFSET $offset";
        page.Parameters.AddWithValue("$limit", limit);
        page.Parameters.AddWithValue("$offset", offset);
        if (status is not null)
        {
            count.Parameters.AddWithValue("$status", status);
            page.Parameters.AddWithValue("$status", status);
        }

        var total = Convert.ToInt32(count.ExecuteScalar());
        var jobs = new List<JobRecord>();
        using var reader = page.ExecuteReader();
        while (reader.Read())
        {
            jobs.Add(Read(reader));
        }

        return (jobs, total);
    }

    /// <summary>Moves the oldest queued job to running and returns it; null when nothing is queued.</summary>
    public JobRecord? ClaimNext(DateTimeOffset now)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE jobs SET status = '{JobStatus.Running}', started_at = $now
            WHERE id = (SELECT id FROM jobs WHERE status = '{JobStatus.Queued}' ORDER BY created_at, id LIMIT 1) AND status = '{JobStatus.Queued}'
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$now", Time(now));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Ends a running (or queued) job; false when it had already ended.</summary>
    public bool Finish(string id, string status, string? message, DateTimeOffset now, DateTimeOffset? expiresAt) =>
        Reserve.Spend("the end of build " + id, () => FinishOnce(id, status, message, now, expiresAt));

    private bool FinishOnce(string id, string status, string? message, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE jobs SET status = $status, message = $message, finished_at = $now, expires_at = $expires
            WHERE id = $id AND status IN ({JobStatus.Sql(JobStatus.Active)})
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Time(now));
        command.Parameters.AddWithValue("$expires", expiresAt is { } e ? Time(e) : DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Cancels a job that no worker has taken yet; false when it is not queued.</summary>
    public bool CancelQueued(string id, DateTimeOffset now, DateTimeOffset expiresAt) =>
        Reserve.Spend("cancelling build " + id, () => CancelQueuedOnce(id, now, expiresAt));

    private bool CancelQueuedOnce(string id, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE jobs SET status = '{JobStatus.Cancelled}', message = 'cancelled by request', finished_at = $now, expires_at = $expires
            WHERE id = $id AND status = '{JobStatus.Queued}'
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", Time(now));
        command.Parameters.AddWithValue("$expires", Time(expiresAt));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes a finished job's row (artifacts rows cascade); false when missing or not finished.</summary>
    public bool Delete(string id) => Reserve.Spend("deleting build " + id, () => DeleteOnce(id));

    private bool DeleteOnce(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM jobs WHERE id = $id AND status IN ({JobStatus.Sql(JobStatus.Finished)})";
        command.Parameters.AddWithValue("$id", id);
        var deleted = command.ExecuteNonQuery() == 1;
        if (deleted)
        {
            // secure_delete zeroes the row's bytes (its cloud-config) in the database file at checkpoint; a TRUNCATE
            // checkpoint also empties the write-ahead log, which held the page as it was. On a (nearly) full disk the log
            // keeps its size instead: its space is what the next writes (a build's end, another delete) reuse.
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = Jobs.DataDirSpace.FullNote(_dataDir) is null ? "PRAGMA wal_checkpoint(TRUNCATE);" : "PRAGMA wal_checkpoint(PASSIVE);";
            checkpoint.ExecuteNonQuery();
        }

        return deleted;
    }

    /// <summary>At start: every job still running belonged to a server that died; they end as interrupted, and their ids are returned for clean-up.</summary>
    public IReadOnlyList<string> FailInterrupted(DateTimeOffset now, DateTimeOffset expiresAt) =>
        Reserve.Spend("marking interrupted builds", () => FailInterruptedOnce(now, expiresAt));

    private List<string> FailInterruptedOnce(DateTimeOffset now, DateTimeOffset expiresAt)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE jobs SET status = '{JobStatus.Interrupted}', message = 'interrupted by server restart', finished_at = $now, expires_at = $expires
            WHERE status = '{JobStatus.Running}' RETURNING id
            """;
        command.Parameters.AddWithValue("$now", Time(now));
        command.Parameters.AddWithValue("$expires", Time(expiresAt));
        return Ids(command);
    }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var secure = connection.CreateCommand();
        secure.CommandText = "PRAGMA secure_delete = ON;";
        secure.ExecuteNonQuery();
        return connection;
    }

    private const string Columns = "id, status, message, spec, created_at, started_at, finished_at, expires_at, artifacts_deleted_at";

    private static JobRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        JsonSerializer.Deserialize<BuildSpec>(reader.GetString(3), FactoryJson.Options)!,
        ParseTime(reader.GetString(4)),
        reader.IsDBNull(5) ? null : ParseTime(reader.GetString(5)),
        reader.IsDBNull(6) ? null : ParseTime(reader.GetString(6)),
        reader.IsDBNull(7) ? null : ParseTime(reader.GetString(7)),
        reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8)));

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

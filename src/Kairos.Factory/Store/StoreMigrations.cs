using Microsoft.Data.Sqlite;

namespace Kairos.Factory.Store;

/// <summary>The store's schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many ran.</summary>
internal static class StoreMigrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            message TEXT,
            spec TEXT NOT NULL,
            created_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            expires_at TEXT,
            artifacts_deleted_at TEXT);
        CREATE INDEX jobs_status_created ON jobs (status, created_at);
        CREATE INDEX jobs_created ON jobs (created_at);
        CREATE TABLE artifacts (
            job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            description TEXT NOT NULL,
            PRIMARY KEY (job_id, name));
        """,
        // Lists and the queue order by (created_at, id): with id in the index SQLite walks it in
        // order and stops at LIMIT, where (created_at) alone sorted every row in a temp B-tree.
        """
        DROP INDEX jobs_status_created;
        DROP INDEX jobs_created;
        CREATE INDEX jobs_status_created_id ON jobs (status, created_at, id);
        CREATE INDEX jobs_created_id ON jobs (created_at, id);
        """,
        // A build a restart cut short has its own status (it was 'failed' with this message).
        """
        UPDATE jobs SET status = 'interrupted' WHERE status = 'failed' AND message = 'interrupted by server restart';
        """,
    ];

    public static void Apply(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL: readers (status polls, lists) never wait for the worker's writes
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(version.ExecuteScalar());
        for (var index = current; index < Steps.Length; index++)
        {
            using var transaction = connection.BeginTransaction();
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Steps[index] + $"\nPRAGMA user_version = {index + 1};";
            step.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Kairos.Factory.Store;

/// <summary>What retention and the queue limit ask of the store.</summary>
public sealed partial class JobStore
{
    public int CountQueued()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM jobs WHERE status = '{JobStatus.Queued}'";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>Finished builds whose artifacts expired at least <paramref name="keep"/> before <paramref name="now"/>: their record and log go too.</summary>
    public IReadOnlyList<string> Forgotten(DateTimeOffset now, TimeSpan keep)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM jobs WHERE status IN ({JobStatus.Sql(JobStatus.Finished)}) AND expires_at IS NOT NULL AND expires_at <= $before";
        command.Parameters.AddWithValue("$before", Time(now - keep));
        return Ids(command);
    }

    /// <summary>Uploads a queued or running build still needs.</summary>
    public IReadOnlySet<string> UploadsInUse()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT json_extract(spec, '$.base_upload') FROM jobs WHERE status IN ({JobStatus.Sql(JobStatus.Active)}) AND json_extract(spec, '$.base_upload') IS NOT NULL";
        return new HashSet<string>(Ids(command), StringComparer.Ordinal);
    }

    /// <summary>The first column of every row <paramref name="command"/> returns.</summary>
    private static List<string> Ids(SqliteCommand command)
    {
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

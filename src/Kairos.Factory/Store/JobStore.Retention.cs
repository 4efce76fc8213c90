namespace Kairos.Factory.Store;

/// <summary>What retention and the queue limit ask of the store.</summary>
public sealed partial class JobStore
{
    public int CountQueued()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs WHERE status = 'queued'";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>Finished builds whose artifacts expired at least <paramref name="keep"/> before <paramref name="now"/>: their record and log go too.</summary>
    public IReadOnlyList<string> Forgotten(DateTimeOffset now, TimeSpan keep)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM jobs WHERE status IN ('succeeded', 'failed', 'cancelled', 'interrupted') AND expires_at IS NOT NULL AND expires_at <= $before";
        command.Parameters.AddWithValue("$before", Time(now - keep));
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Uploads a queued or running build still needs.</summary>
    public IReadOnlySet<string> UploadsInUse()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(spec, '$.base_upload') FROM jobs WHERE status IN ('queued', 'running') AND json_extract(spec, '$.base_upload') IS NOT NULL";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

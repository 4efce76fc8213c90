namespace Kairos.Factory.Store;

/// <summary>The artifact half of the store, and retention.</summary>
public sealed partial class JobStore
{
    public void AddArtifacts(string jobId, IEnumerable<ArtifactRecord> artifacts)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var artifact in artifacts)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO artifacts (job_id, name, size, sha256, description) VALUES ($job, $name, $size, $sha, $description)";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$name", artifact.Name);
            command.Parameters.AddWithValue("$size", artifact.Size);
            command.Parameters.AddWithValue("$sha", artifact.Sha256);
            command.Parameters.AddWithValue("$description", artifact.Description);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<ArtifactRecord> Artifacts(string jobId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, size, sha256, description FROM artifacts WHERE job_id = $job ORDER BY name";
        command.Parameters.AddWithValue("$job", jobId);
        var artifacts = new List<ArtifactRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            artifacts.Add(new ArtifactRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }

        return artifacts;
    }

    /// <summary>Finished jobs whose artifacts have passed their expiry and are not yet deleted.</summary>
    public IReadOnlyList<string> Expired(DateTimeOffset now)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM jobs WHERE expires_at IS NOT NULL AND expires_at <= $now AND artifacts_deleted_at IS NULL";
        command.Parameters.AddWithValue("$now", Time(now));
        return Ids(command);
    }

    public void MarkArtifactsDeleted(string jobId, DateTimeOffset now)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET artifacts_deleted_at = $now WHERE id = $job; DELETE FROM artifacts WHERE job_id = $job";
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$now", Time(now));
        command.ExecuteNonQuery();
    }
}

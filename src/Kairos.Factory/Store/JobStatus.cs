namespace Kairos.Factory.Store;

/// <summary>
/// A build's state, the one list the store, the API and the page (GET /config's <c>statuses</c>) use:
/// queued → running → succeeded | failed | cancelled, or interrupted when the server stopped while it ran.
/// </summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Interrupted = "interrupted";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, Cancelled, Interrupted];

    public static bool IsFinished(string status) => status is Succeeded or Failed or Cancelled or Interrupted;

    /// <summary>The statuses a build ends in (GET /config's <c>finished_statuses</c>): no cancel, no more log lines.</summary>
    public static IReadOnlyList<string> Finished { get; } = [.. All.Where(IsFinished)];

    /// <summary>The statuses of a build not yet finished: queued and running.</summary>
    public static IReadOnlyList<string> Active { get; } = [.. All.Where(status => !IsFinished(status))];

    /// <summary><paramref name="statuses"/> as an SQL list for the store's <c>status IN (…)</c>: <c>'queued', 'running'</c>.</summary>
    public static string Sql(IEnumerable<string> statuses) => string.Join(", ", statuses.Select(status => $"'{status}'"));
}

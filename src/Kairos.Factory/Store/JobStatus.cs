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
}

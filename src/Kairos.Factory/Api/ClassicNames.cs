using Kairos.Factory.Store;

namespace Kairos.Factory.Api;

/// <summary>
/// The classic Factory's (AuroraBoot v0.6–v0.19 <c>web</c>) names for our states. Its clients wait for <c>complete</c> or
/// <c>failed</c>; it had no cancel, so a cancelled or interrupted build is <c>failed</c> to them (its message says which).
/// </summary>
public static class ClassicNames
{
    public const string Complete = "complete";

    public static string Status(string status, FactoryOptions options) =>
        !options.ClassicStatusNames ? status
        : status switch
        {
            JobStatus.Succeeded => Complete,
            JobStatus.Cancelled or JobStatus.Interrupted => JobStatus.Failed,
            _ => status,
        };

    /// <summary>The classic spellings that name one of our statuses alone (GET /config's <c>status_aliases</c>: the page reads a <c>web</c> server's builds by it).</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { [Complete] = JobStatus.Succeeded };

    /// <summary>A list filter in either spelling, as the store names it.</summary>
    public static string? StatusFilter(string? status) => status is not null && Aliases.TryGetValue(status, out var native) ? native : status;
}

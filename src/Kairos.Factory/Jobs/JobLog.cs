using System.Text;

namespace Kairos.Factory.Jobs;

/// <summary>One job's log file (<c>jobs/ID/build.log</c>): timestamped lines, secrets masked, followers woken on each write.</summary>
public sealed class JobLog(string path, string jobId, LogHub hub, SecretMask mask)
{
    private readonly Lock _gate = new();

    public string Path => path;

    public void Write(string step, string line)
    {
        var text = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{step}] {mask.Apply(line)}\n";
        lock (_gate)
        {
            File.AppendAllText(path, text, Encoding.UTF8);
        }

        hub.Notify(jobId);
    }
}

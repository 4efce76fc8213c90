using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>
/// The outcome of a walk inside a root: an open descriptor of the directory that holds the final
/// entry, the entry's name in it ("" when the path names that directory itself), and the entry's
/// status (null when it does not exist). Owns every descriptor the walk opened.
/// </summary>
internal sealed class ResolvedEntry(List<SafeFileHandle> handles, string name, FileStatus? status, string hostPath) : IDisposable
{
    /// <summary>The directory holding the entry; a real directory reached without following any link out of the root.</summary>
    public SafeFileHandle Parent => handles[^1];

    public string Name { get; } = name;

    public FileStatus? Status { get; } = status;

    /// <summary>The host path the walk arrived at (informational: never used for the operation itself).</summary>
    public string HostPath { get; } = hostPath;

    public bool IsSelf => Name.Length == 0;

    public void Dispose()
    {
        foreach (var handle in handles)
        {
            handle.Dispose();
        }
    }
}

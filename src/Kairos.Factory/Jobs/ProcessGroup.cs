using System.Runtime.InteropServices;

namespace Kairos.Factory.Jobs;

/// <summary>Signals to a whole process group: each pipeline command runs as the leader of its own (under setsid).</summary>
internal static partial class ProcessGroup
{
    public const int Terminate = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when the group is gone.</summary>
    public static bool Signal(int group, int signal) => group > 1 && kill(-group, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process.</summary>
    public static bool SignalProcess(int pid, int signal) => pid > 1 && kill(pid, signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Platform;

/// <summary>Preconditions and checks shared by the tests that chroot and mount.</summary>
public static class ChrootSupport
{
    /// <summary>A fresh busybox root, or a skipped test when not root or busybox-static is missing.</summary>
    public static BusyboxRoot RequireBusyboxRoot()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("chroot and mount need root");
        }

        if (!BusyboxRoot.Available)
        {
            Assert.Skip("needs a static /bin/busybox (apt-get install busybox-static)");
        }

        return new BusyboxRoot();
    }

    /// <summary>The pid printed on output line <paramref name="line"/> (0-based).</summary>
    public static int ChildPid(string output, int line) => int.Parse(output.Split('\n')[line]);

    /// <summary>Waits a little for the process to be gone (or a zombie nobody reaps) and fails otherwise.</summary>
    public static async Task AssertGoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            if (!IsRunning(pid))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"process {pid} still runs");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}

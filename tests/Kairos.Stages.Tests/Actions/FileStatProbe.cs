using System.Diagnostics;

namespace Kairos.Stages.Tests.Actions;

/// <summary>Reads a file's owner with stat(1), independently of the code under test.</summary>
public static class FileStatProbe
{
    public static (int Uid, int Gid) Owner(string hostPath)
    {
        var info = new ProcessStartInfo("stat") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("%u %g");
        info.ArgumentList.Add(hostPath);
        using var process = Process.Start(info)!;
        var parts = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }
}

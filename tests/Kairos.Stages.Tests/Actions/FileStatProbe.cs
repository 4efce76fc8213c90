namespace Kairos.Stages.Tests.Actions;

/// <summary>Reads a file's owner with stat(1), independently of the code under test.</summary>
public static class FileStatProbe
{
    public static (int Uid, int Gid) Owner(string hostPath)
    {
        var parts = Programs.Run("stat", "-c", "%u %g", hostPath).Trim().Split(' ');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }
}

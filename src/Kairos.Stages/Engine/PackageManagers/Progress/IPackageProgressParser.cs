using Kairos.Stages.Engine.Progress;

namespace Kairos.Stages.Engine.PackageManagers.Progress;

/// <summary>Reads one package-manager command's output line by line into counted work (one parser per command: it keeps counts).</summary>
public interface IPackageProgressParser
{
    /// <summary>The work after <paramref name="line"/>, or null when the line says nothing new about it.</summary>
    WorkProgress? Read(string line);

    /// <summary>True for machine-only status lines (apt's Status-Fd) that stay out of logs and failure output.</summary>
    bool IsStatusLine(string line);
}

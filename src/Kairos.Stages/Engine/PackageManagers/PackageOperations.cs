
namespace Kairos.Stages.Engine.PackageManagers;

/// <summary>The ordered command lines for a <c>packages</c> key: refresh → upgrade → install → remove.</summary>
public static class PackageOperations
{
    /// <summary>
    /// The command lines in yip's order. Deliberate difference: <c>upgrade: true</c> on its own
    /// upgrades (yip ignores it unless install, remove or refresh is also set).
    /// </summary>
    public static IReadOnlyList<string> Commands(PackageManager manager, FrontEnd.Model.Packages packages)
    {
        var commands = new List<string>();
        if (packages.Refresh)
        {
            commands.Add(manager.Refresh);
        }

        if (packages.Upgrade)
        {
            commands.Add(manager.Upgrade);
        }

        if (packages.Install.Count > 0)
        {
            commands.Add(manager.Install(packages.Install));
        }

        if (packages.Remove.Count > 0)
        {
            commands.Add(manager.Remove(packages.Remove));
        }

        return commands;
    }
}

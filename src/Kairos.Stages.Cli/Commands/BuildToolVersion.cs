using System.Reflection;

namespace Kairos.Stages.Cli.Commands;

/// <summary>This tool's version (assembly informational version without the commit suffix), stamped as KAIROS_INIT_VERSION.</summary>
public static class BuildToolVersion
{
    public static string Current { get; } =
        (typeof(BuildToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}

using Kairos.Stages.FrontEnd.PackageMaps;

namespace Kairos.Stages.Tests.Packages;

/// <summary>One row of reference §4.4: a target, its kernel list, base list size and notable (absent) members.</summary>
public sealed record ResolvedTarget(
    string Name,
    PackageTarget Target,
    string[] Kernel,
    int BaseCount,
    string[] Includes,
    string[] Excludes)
{
    public override string ToString() => Name;
}

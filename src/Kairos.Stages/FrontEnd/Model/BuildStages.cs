namespace Kairos.Stages.FrontEnd.Model;

/// <summary>The six build-time stages and the phases that group them.</summary>
public static class BuildStages
{
    public static readonly IReadOnlyList<string> Install = ["before-install", "install", "after-install"];

    public static readonly IReadOnlyList<string> Init = ["before-init", "init", "after-init"];

    public static readonly IReadOnlyList<string> All = [.. Install, .. Init];

    /// <summary>Values accepted by <c>--stage</c>: all, install, init, or one stage name.</summary>
    public static IReadOnlyList<string> Selectors => ["all", "install", "init", .. All.Where(s => s is not "install" and not "init")];

    /// <summary>The stages a <c>--stage</c> value selects, in run order; null when unknown.</summary>
    public static IReadOnlyList<string>? Select(string selector) => selector switch
    {
        "all" => All,
        "install" => Install,
        "init" => Init,
        _ when All.Contains(selector) => [selector],
        _ => null,
    };

    /// <summary>The phase (install or init) a stage belongs to.</summary>
    public static string PhaseOf(string stage) => Install.Contains(stage) ? "install" : "init";
}

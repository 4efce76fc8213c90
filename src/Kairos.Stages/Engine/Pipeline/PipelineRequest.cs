using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>What to prepare: the build facts, the bundled stage source, extension files, the stage selector and skips.</summary>
public sealed record PipelineRequest
{
    public required BuildContext Context { get; init; }

    public required IStageSource Bundled { get; init; }

    /// <summary>Host directory of extension files, and how to show it in diagnostics; null: no extensions.</summary>
    public string? ExtensionsDirectory { get; init; }

    public string ExtensionsDisplay { get; init; } = ExtensionFiles.DefaultDirectory;

    /// <summary>The root the extension directory lies in (links in it resolve there); null for a host directory.</summary>
    public string? ExtensionsRoot { get; init; }

    public string Selector { get; init; } = "all";

    public IReadOnlyList<string> SkipSteps { get; init; } = [];

    /// <summary><c>--only-steps</c>: when not empty, only the entries these names select run (skips still apply).</summary>
    public IReadOnlyList<string> OnlySteps { get; init; } = [];

    /// <summary>Unknown keys become warnings (yip parity) instead of errors.</summary>
    public bool Lenient { get; init; }
}

using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>One build as the CLI and the Factory ask for it: what to prepare, where to act, and who listens.</summary>
public sealed record StageBuildRequest
{
    /// <summary>The stage files, selector and skips; its context's root is the root the build acts on.</summary>
    public required PipelineRequest Pipeline { get; init; }

    /// <summary>Makes the target to act on from the root directory (chroot or local outside tests).</summary>
    public required Func<string, ITarget> Targets { get; init; }

    /// <summary>Run events (progress, JSON Lines); the run record listens as well.</summary>
    public IRunObserver Observer { get; init; } = NullObserver.Instance;

    public ILogger Log { get; init; } = Serilog.Core.Logger.None;

    /// <summary>Told every preparation's diagnostics as it happens: before the run, and again before init when install ran first.</summary>
    public Action<PipelineResult> Prepared { get; init; } = _ => { };

    public DownloadOptions Downloads { get; init; } = new();

    /// <summary>yip semantics: finish the failing stage, then stop (default: stop at the first failure).</summary>
    public bool KeepGoing { get; init; }

    /// <summary>Prepare and plan only; nothing is locked, executed or written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Allow acting on the host's "/" outside a container or chroot.</summary>
    public bool Force { get; init; }

    /// <summary>The command line (or request) recorded in the run record.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

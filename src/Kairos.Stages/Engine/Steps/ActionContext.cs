using Kairos.Stages.Engine.PackageManagers;
using Kairos.Stages.Engine.Progress;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Stages.Engine.Steps;

/// <summary>What an action may use: the target, the build facts, yip's run-time templates, downloads and a logger.</summary>
public sealed record ActionContext
{
    public required ITarget Target { get; init; }

    public required BuildContext Build { get; init; }

    /// <summary>yip's run-time Go-template renderer (commands, if, file content, env values …).</summary>
    public required IRuntimeTemplates Templates { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>Fail fast: stop an action at its first failing item (default). False gives yip's carry-on semantics.</summary>
    public bool FailFast { get; init; } = true;

    /// <summary>Package manager work done so far in the run (shared by every phase of one run), to skip repeated refreshes and upgrades.</summary>
    public PackageRunState Packages { get; init; } = new();

    /// <summary>Where the running step reports its progress (counted work, output lines).</summary>
    public IStepProgress Progress { get; init; } = NoStepProgress.Instance;

    /// <summary>True at image build time: boot-only effects (sysctl, modules, start) are skipped with a warning.</summary>
    public bool BuildTime { get; init; } = true;
}

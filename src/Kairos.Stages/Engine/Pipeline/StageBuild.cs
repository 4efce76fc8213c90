using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.Image.Kernel;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>
/// The one entry point of a build, for the CLI and the Factory alike: prepare every file (with the
/// kernel already in the root), stop there for a dry run, refuse the host's "/" and a root another run
/// holds, then execute phase by phase (see <see cref="BuildPhases"/>) and record the run in the root.
/// </summary>
public static class StageBuild
{
    /// <summary>Runs <paramref name="request"/>; throws <see cref="UsageException"/> when the root is refused or locked.</summary>
    public static async Task<BuildOutcome> RunAsync(StageBuildRequest request, CancellationToken cancel = default)
    {
        var pipeline = request.Pipeline with { Context = ContextWithKernel.Refresh(request.Pipeline.Context) };
        var result = StagePipeline.Prepare(pipeline);
        request.Prepared(result);
        if (result.Run is not { } prepared)
        {
            return new BuildOutcome(BuildStatus.Invalid);
        }

        if (request.DryRun)
        {
            return new BuildOutcome(BuildStatus.Planned) { Plan = prepared.Plan };
        }

        var root = pipeline.Context.Root;
        if (TargetSafety.Check(root, request.Force) is { } refusal)
        {
            throw new UsageException($"{refusal}. Use --root DIR for a root directory, or --force if you really mean it.");
        }

        if (TargetSafety.IsHostRoot(root))
        {
            // say how we knew this "/" is a container or chroot, so a build log shows which evidence the engine gave
            request.Log.Information("building / in place: {Evidence}", HostFacts.Read().ContainerEvidence() ?? "--force given");
        }

        RootLock rootLock;
        try
        {
            rootLock = RootLock.Acquire(root);
        }
        catch (RootLockedException locked)
        {
            throw new UsageException(locked.Message, locked);
        }

        using (rootLock)
        {
            return await new BuildPhases(request, pipeline).RunAsync(prepared, cancel);
        }
    }
}

using Kairos.Stages.Engine.Actions;
using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.PackageManagers;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Image.Kernel;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>
/// Executes a prepared plan phase by phase (install stages, then init stages) against one target. The init
/// phase is prepared again after install ran, so its templates see the kernel install put in the root.
/// The run record and the stage dumps are written into the root at the end, whatever the outcome.
/// </summary>
internal sealed class BuildPhases(StageBuildRequest request, PipelineRequest pipeline)
{
    private BuildContext _context = pipeline.Context;

    public async Task<BuildOutcome> RunAsync(PreparedRun prepared, CancellationToken cancel)
    {
        var record = new RunRecord(_context, request.Arguments);
        var observer = new CompositeObserver(request.Observer, record);
        using var downloader = new Downloader(request.Downloads);
        var prefetching = downloader.Prefetch(Prefetchable(prepared.Plan));
        if (prefetching > 0)
        {
            request.Log.Debug("prefetching {Count} downloads while the stages run", prefetching);
        }

        var target = request.Targets(_context.Root);
        var results = new List<RunResult>();
        var packages = new PackageRunState();
        try
        {
            foreach (var phase in Phases(prepared.Plan))
            {
                var current = phase.Stages[0].Name.Contains("init", StringComparison.Ordinal) && results.Count > 0 ? Replan(phase) : phase;
                if (current is null)
                {
                    return new BuildOutcome(BuildStatus.Invalid) { Plan = prepared.Plan, Phases = results };
                }

                var actionContext = new ActionContext
                {
                    Target = target,
                    Build = _context,
                    Templates = RuntimeTemplates.ForRoot(target.Files, _context),
                    Log = request.Log,
                    Packages = packages,
                };
                var executor = new Executor(ConditionCatalog.All, ActionCatalog.Create(downloader), observer);
                var result = await executor.RunAsync(current, actionContext, request.KeepGoing, cancel);
                results.Add(result);
                if (result.Status != RunStatus.Succeeded)
                {
                    break;
                }
            }
        }
        catch (TargetInterruptedException interrupted)
        {
            return new BuildOutcome(BuildStatus.Cancelled)
            {
                Plan = prepared.Plan,
                Phases = results,
                SignalExitCode = interrupted.ExitCode,
                Interruption = interrupted.Message,
                Warnings = Persist(target, record, prepared, results),
            };
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }

        var warnings = Persist(target, record, prepared, results);
        var cancelled = results.FirstOrDefault(r => r.Status == RunStatus.Cancelled);
        var status = results.All(r => r.Status == RunStatus.Succeeded) ? BuildStatus.Succeeded
            : cancelled is not null ? BuildStatus.Cancelled : BuildStatus.Failed;
        return new BuildOutcome(status) { Plan = prepared.Plan, Phases = results, SignalExitCode = cancelled?.SignalExitCode, Warnings = warnings };
    }

    /// <summary>Downloads of steps that will run whose URL is known before the run (no yip run-time template), for the prefetch.</summary>
    private static IEnumerable<(Uri Url, string? Sha256, TimeSpan? Timeout)> Prefetchable(Plan plan) =>
        plan.Entries.Where(e => !e.Skipped)
            .SelectMany(e => e.Step.Downloads)
            .Where(d => !d.Url.Contains("{{", StringComparison.Ordinal))
            .Select(d => (Ok: Uri.TryCreate(d.Url, UriKind.Absolute, out var url), Url: url, d.Sha256, d.Timeout))
            .Where(d => d.Ok && d.Url!.Scheme is ("http" or "https"))
            .Select(d => (d.Url!, string.IsNullOrEmpty(d.Sha256) ? null : d.Sha256, d.Timeout > 0 ? TimeSpan.FromSeconds(d.Timeout) : (TimeSpan?)null));

    /// <summary>The plan split by phase (install stages, then init stages), empty phases dropped.</summary>
    private static IEnumerable<Plan> Phases(Plan plan) =>
        plan.Stages.GroupBy(s => BuildStages.PhaseOf(s.Name)).Select(g => new Plan(plan.Selector, [.. g]));

    /// <summary>The init phase prepared again with the kernel install put in the root; null when that preparation fails.</summary>
    private Plan? Replan(Plan phase)
    {
        _context = ContextWithKernel.Refresh(_context);
        var result = StagePipeline.Prepare(pipeline with { Context = _context, Selector = "init" });
        request.Prepared(result);
        return result.Run is { } prepared ? prepared.Plan with { Selector = phase.Selector } : null;
    }

    private List<string> Persist(ITarget target, RunRecord record, PreparedRun prepared, IReadOnlyList<RunResult> results)
    {
        try
        {
            RunArtifacts.Write(target.Files, record, prepared, results, pipeline.Selector);
            return [];
        }
        catch (IOException e)
        {
            return [$"could not write the run record: {e.Message}"];
        }
    }
}

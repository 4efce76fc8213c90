using System.CommandLine;
using Kairos.Stages.Actions;
using Kairos.Stages.Conditions;
using Kairos.Stages.Context;
using Kairos.Stages.Downloads;
using Kairos.Stages.Execution;
using Kairos.Stages.PackageManagers;
using Kairos.Stages.Pipeline;
using Kairos.Stages.Planning;
using Kairos.Stages.Platform;
using Kairos.Stages.Recording;
using Kairos.Stages.Templates;

namespace Kairos.Stages.Cli;

/// <summary>
/// One execution: a target for the root, phase by phase (the init phase is re-planned after the
/// install phase so it sees the kernel just installed), the run record and stage dumps written into the root.
/// </summary>
internal sealed class RunSession(ParseResult parse, BuildContext initial, StageOptions stages, BuildOptionsBinder binder, RunOptions run, Func<string, ITarget> targets)
{
    private readonly TextWriter _error = parse.InvocationConfiguration.Error;
    private BuildContext _context = initial;

    public async Task<int> ExecuteAsync(PreparedRun prepared, CancellationToken cancel)
    {
        var json = parse.GetValue(run.Output) == "json";
        var record = new RunRecord(_context, Environment.GetCommandLineArgs().Skip(1).ToList());
        IRunObserver progress = json ? new JsonEvents(parse.InvocationConfiguration.Output) : new ProgressObserver(_error);
        var observer = new CompositeObserver(progress, record);
        using var log = Logging.Create(_context.LogLevel);
        using var downloader = new Downloader(new DownloadOptions { OfflineDirectory = parse.GetValue(run.ArtifactsDir) });
        var prefetching = downloader.Prefetch(Prefetchable(prepared.Plan));
        if (prefetching > 0)
        {
            log.Debug("prefetching {Count} downloads while the stages run", prefetching);
        }

        var target = targets(_context.Root);
        var results = new List<RunResult>();
        var packages = new PackageRunState();
        try
        {
            foreach (var phase in Phases(prepared.Plan))
            {
                var current = phase.Stages[0].Name.Contains("init", StringComparison.Ordinal) && results.Count > 0 ? Replan(phase) : phase;
                if (current is null)
                {
                    return 2;
                }

                var actionContext = new ActionContext
                {
                    Target = target,
                    Build = _context,
                    Templates = RuntimeTemplates.ForRoot(target.Files, _context),
                    Log = log,
                    Packages = packages,
                };
                var executor = new Executor(ConditionCatalog.All, ActionCatalog.Create(downloader), observer);
                var result = await executor.RunAsync(current, actionContext, parse.GetValue(run.KeepGoing), cancel);
                results.Add(result);
                if (result.Status != RunStatus.Succeeded)
                {
                    break;
                }
            }
        }
        catch (TargetInterruptedException interrupted)
        {
            _error.WriteLine($"kairos-stages: {interrupted.Message}");
            Persist(target, record, prepared, results);
            return interrupted.ExitCode;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }

        Persist(target, record, prepared, results);
        return results.All(r => r.Status == RunStatus.Succeeded) ? 0
            : results.FirstOrDefault(r => r.Status == RunStatus.Cancelled) is { } cancelled ? cancelled.SignalExitCode ?? 130 : 1;
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

    private Plan? Replan(Plan phase)
    {
        _context = ContextWithKernel.Refresh(_context);
        if (stages.Request(parse, _context, binder) is not { } request)
        {
            return null;
        }

        var prepared = PipelineReporter.Report(StagePipeline.Prepare(request with { Selector = "init" }), _error);
        return prepared is null ? null : prepared.Plan with { Selector = phase.Selector };
    }

    private void Persist(ITarget target, RunRecord record, PreparedRun prepared, IReadOnlyList<RunResult> results)
    {
        try
        {
            RunArtifacts.Write(target.Files, record, prepared, results, parse.GetValue(stages.Stage) ?? "all");
        }
        catch (IOException e)
        {
            _error.WriteLine($"warning: could not write the run record: {e.Message}");
        }
    }
}

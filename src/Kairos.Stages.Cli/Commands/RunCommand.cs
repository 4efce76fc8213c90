using System.CommandLine;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages run</c>: the main job. Binds the flags, hands the build to <see cref="StageBuild"/>, prints what it reports.</summary>
public static class RunCommand
{
    /// <param name="targets">Makes the target to act on from the root directory (<see cref="RunTargets.ForRoot"/> outside tests).</param>
    public static Command Create(Func<string, ITarget> targets)
    {
        var binder = new BuildOptionsBinder();
        var stages = new StageOptions();
        var run = new RunOptions();
        var command = new Command("run", "turn the root into a Kairos-ready image: plan and execute the stages");
        binder.AddTo(command);
        stages.AddTo(command);
        run.AddTo(command);
        command.SetAction((parse, cancel) => ExecuteAsync(parse, binder, stages, run, targets, cancel));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, BuildOptionsBinder binder, StageOptions stages, RunOptions run, Func<string, ITarget> targets, CancellationToken cancel)
    {
        var error = parse.InvocationConfiguration.Error;

        // Only the init phase stamps the version: an install-only run may leave it out, so a Dockerfile can declare
        // ARG VERSION after the install RUN and a new version rebuilds only the init layer and later.
        var installOnly = BuildStages.Select(parse.GetValue(stages.Stage) ?? "all") is { } selected && selected.All(s => BuildStages.PhaseOf(s) == "install");
        if (!installOnly && string.IsNullOrWhiteSpace(parse.GetValue(binder.Version)))
        {
            throw new UsageException("--version is required (the OS version stamped in /etc/kairos-release, e.g. --version 1.2.3)");
        }

        var context = BuildContextLoader.Load(binder, parse, options => options with { RequireOsRelease = true, AllowMissingVersion = installOnly });
        if (context is null)
        {
            return ExitCodes.Usage;
        }

        var overrides = InitVersionOverrides.Check(context.Root, () => ArtifactCatalog.Parse(binder.Source(parse).ReadText(ArtifactCatalog.DataPath) ?? ""));
        if (overrides.Count > 0)
        {
            foreach (var problem in overrides)
            {
                error.WriteLine($"error: {problem}");
            }

            return ExitCodes.Usage;
        }

        var request = stages.Request(parse, context, binder);
        var json = parse.GetValue(run.Output) == "json";
        var quiet = parse.GetValue(run.Quiet);
        var text = json ? null : new ProgressObserver(error, TerminalStyle.For(error, parse.GetValue(run.Color) ?? "auto", quiet));
        using var log = Logging.Create(context.LogLevel, quiet, text?.LogWriter);
        var outcome = await StageBuild.RunAsync(
                new StageBuildRequest
                {
                    Pipeline = request,
                    Targets = targets,
                    Observer = text ?? (IRunObserver)new JsonEvents(parse.InvocationConfiguration.Output, withProgress: !quiet),
                    Log = log,
                    Prepared = result => PipelineReporter.Report(result, error),
                    Downloads = new DownloadOptions { OfflineDirectory = parse.GetValue(run.ArtifactsDir) },
                    KeepGoing = parse.GetValue(run.KeepGoing),
                    DryRun = parse.GetValue(run.DryRun),
                    Force = parse.GetValue(run.Force),
                    Arguments = Environment.GetCommandLineArgs().Skip(1).ToList(),
                },
                cancel);
        if (outcome.Interruption is { } interruption)
        {
            error.WriteLine($"kairos-stages: {interruption}");
        }

        foreach (var warning in outcome.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (outcome.Status == BuildStatus.Planned)
        {
            parse.InvocationConfiguration.Output.Write(json ? PlanWriter.ToJson(outcome.Plan!) : PlanWriter.ToText(outcome.Plan!));
        }

        return ExitCodes.Of(outcome);
    }
}

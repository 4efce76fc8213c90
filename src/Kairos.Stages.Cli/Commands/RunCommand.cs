using System.CommandLine;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.FrontEnd.Diagnostics;
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

        // Only the kairosRelease step stamps the version: a run that cannot reach it (install only, or the init work
        // above the version line, VersionLine) may leave it out, so a Dockerfile can declare ARG VERSION after those
        // RUN lines and a new version rebuilds only what follows.
        var needsVersion = VersionLine.NeedsVersion(parse.GetValue(stages.Stage) ?? "all", parse.GetValue(stages.SkipSteps) ?? [], parse.GetValue(stages.OnlySteps) ?? []);
        if (needsVersion && string.IsNullOrWhiteSpace(parse.GetValue(binder.Version)))
        {
            throw new UsageException($"--version is required (the OS version stamped in /etc/kairos-release by the {VersionLine.Step} step, e.g. --version 1.2.3)");
        }

        var context = BuildContextLoader.Load(binder, parse, options => options with { RequireOsRelease = true, AllowMissingVersion = !needsVersion });
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

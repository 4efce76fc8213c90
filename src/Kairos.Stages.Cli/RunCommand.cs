using System.CommandLine;
using Kairos.Stages.Pipeline;
using Kairos.Stages.Platform;
using Kairos.Stages.Recording;

namespace Kairos.Stages.Cli;

/// <summary><c>kairos-stages run</c>: the main job. Validates everything, then executes the plan against the root.</summary>
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
        if (string.IsNullOrWhiteSpace(parse.GetValue(binder.Version)))
        {
            error.WriteLine("error: --version is required (the OS version stamped in /etc/kairos-release, e.g. --version 1.2.3)");
            return 2;
        }

        var context = BuildContextLoader.Load(binder, parse, options => options with { RequireOsRelease = true });
        if (context is null)
        {
            return 2;
        }

        context = ContextWithKernel.Refresh(context);
        if (stages.Request(parse, context, binder) is not { } request)
        {
            return 2;
        }

        var prepared = PipelineReporter.Report(StagePipeline.Prepare(request), error);
        if (prepared is null)
        {
            return 2;
        }

        if (parse.GetValue(run.DryRun))
        {
            parse.InvocationConfiguration.Output.Write(parse.GetValue(run.Output) == "json" ? PlanWriter.ToJson(prepared.Plan) : PlanWriter.ToText(prepared.Plan));
            return 0;
        }

        if (TargetSafety.Check(context.Root, parse.GetValue(run.Force)) is { } refusal)
        {
            error.WriteLine($"error: {refusal}. Use --root DIR for a root directory, or --force if you really mean it.");
            return 2;
        }

        RootLock rootLock;
        try
        {
            rootLock = RootLock.Acquire(context.Root);
        }
        catch (RootLockedException locked)
        {
            error.WriteLine($"error: {locked.Message}");
            return 2;
        }

        using (rootLock)
        {
            var session = new RunSession(parse, context, stages, binder, run, targets);
            return await session.ExecuteAsync(prepared, cancel);
        }
    }
}

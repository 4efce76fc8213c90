using Kairos.Stages.Engine.Actions;
using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Tests.Content;
using Kairos.Stages.Tests.Execution;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// Runs one boot stage (e.g. <c>rootfs</c>, <c>initramfs</c>) of a shipped cloud-config with our
/// engine (loader, conditions, actions) against a <see cref="BootRoot"/>, as kairos-agent/immucore
/// would on the node: boot-time mode (sysctl, hostname act), keep going after a failed step.
/// </summary>
public static class BootStages
{
    private static readonly string[] RuntimeKeys = ["if", "only_service_manager", "only_os"];

    public static async Task<RunResult> RunAsync(BootRoot root, string cloudConfig, string stage, string prettyName = "Debian GNU/Linux 12 (bookworm)")
    {
        var text = ContentStages.Source.ReadText("assets/cloudconfigs/" + cloudConfig)!;
        var load = StageFileLoader.Load("stages/assets/cloudconfigs/" + cloudConfig, text, LoadOptions.Strict);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var steps = load.File!.StepsFor(stage);
        var ids = StepIds.For(load.File, steps);
        var entries = steps.Select((step, i) => new PlanEntry
        {
            Stage = stage,
            Id = ids[i],
            Step = step,
            Kind = SourceKind.Extension,
            RuntimeConditions = [.. RuntimeKeys.Where(step.KeyLocations.ContainsKey).Select(k => new RuntimeCondition(k, ""))],
        }).ToList();
        var plan = new Plan(stage, [new PlannedStage(stage, entries)]);

        var target = new PlainChrootTarget(root.Path);
        var distro = new Distro
        {
            Id = "debian",
            PrettyName = prettyName,
            Version = "12",
            OsRelease = new OsRelease { Id = "debian", PrettyName = prettyName, VersionId = "12" },
        };
        var build = new BuildContext { Root = root.Path, Distro = distro, Version = "v1.0.0" };
        var context = new ActionContext
        {
            Target = target,
            Build = build,
            Templates = RuntimeTemplates.ForRoot(target.Files, build),
            Log = Serilog.Core.Logger.None,
            BuildTime = false,
        };
        using var downloader = new Downloader();
        var executor = new Executor(ConditionCatalog.All, ActionCatalog.Create(downloader), new EventLog());
        return await executor.RunAsync(plan, context, keepGoing: true, CancellationToken.None);
    }

    /// <summary>The names of the steps that ran (not skipped by a condition).</summary>
    public static IReadOnlyList<string> Ran(RunResult result) =>
        [.. result.Steps.Where(s => s.Status is StepStatus.Succeeded or StepStatus.Failed).Select(s => s.Entry.Step.Name ?? "")];

    public static IReadOnlyList<string> Failures(RunResult result) =>
        [.. result.Steps.Where(s => s.Status == StepStatus.Failed).Select(s => $"{s.Entry.Step.Name}: {string.Join("; ", s.Failures.Select(f => f.Message))}")];
}

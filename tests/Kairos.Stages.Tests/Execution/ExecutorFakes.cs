using System.Runtime.InteropServices;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;
using Serilog;

namespace Kairos.Stages.Tests.Execution;

/// <summary>An action that records which steps it ran and fails for names it is told to.</summary>
internal sealed class RecordingAction(string key, List<string> log, params string[] failFor) : IStepAction
{
    public string Key => key;

    public bool IsPresent(Step step) => step.KeyLocations.ContainsKey(key);

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        log.Add($"{key}:{step.Name}");
        return Task.FromResult(failFor.Contains(step.Name)
            ? ActionOutcome.Failed(new ActionFailure("boom") { Command = "false", ExitCode = 1, OutputTail = "out" })
            : ActionOutcome.Ok);
    }
}

/// <summary>A commands action whose command is killed by SIGTERM for the named steps (what ChrootTarget throws).</summary>
internal sealed class InterruptedAction(params string[] interruptFor) : IStepAction
{
    public string Key => "commands";

    public bool IsPresent(Step step) => step.KeyLocations.ContainsKey(Key);

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        interruptFor.Contains(step.Name)
            ? throw new TargetInterruptedException(PosixSignal.SIGTERM, 143)
            : Task.FromResult(ActionOutcome.Ok);
}

/// <summary>A condition that skips steps whose name starts with "skip".</summary>
internal sealed class NameCondition : IStepCondition
{
    public string Key => "if";

    public bool IsPresent(Step step) => step.KeyLocations.ContainsKey("if");

    public Task<ConditionResult> EvaluateAsync(Step step, ActionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(step.Name.StartsWith("skip", StringComparison.Ordinal) ? ConditionResult.Skip("if said no") : ConditionResult.Pass);
}

/// <summary>Collects observer events as strings.</summary>
internal sealed class EventLog : IRunObserver
{
    public List<string> Events { get; } = [];

    public void RunStarted(Plan plan) => Events.Add("start");

    public void StepStarted(PlanEntry entry) => Events.Add($"begin {entry.Step.Name}");

    public void StepFinished(StepResult result) => Events.Add($"end {result.Entry.Step.Name} {result.Status}");

    public void RunFinished(RunResult result) => Events.Add($"finish {result.Status}");
}

internal static class ExecutorFixtures
{
    public static Step Step(string name, params string[] keys) => new()
    {
        Name = name,
        Location = new Kairos.Stages.FrontEnd.Diagnostics.SourceSpan("ext.yaml", 3, 5),
        KeyLocations = keys.ToDictionary(k => k, _ => new Kairos.Stages.FrontEnd.Diagnostics.SourceSpan("ext.yaml", 4, 7)),
    };

    public static ActionContext NewContext() => new()
    {
        Target = new NoTarget(),
        Build = new BuildContext { Distro = new Distro(), Version = "v1.0.0" },
        Templates = new IdentityTemplates(),
        Log = new LoggerConfiguration().CreateLogger(),
    };

    private sealed class NoTarget : ITarget
    {
        public string Root => "/nonexistent";

        public IRootFileSystem Files => throw new NotSupportedException();

        public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class IdentityTemplates : IRuntimeTemplates
    {
        public string Render(string text, Action<string>? warn = null) => text;
    }
}

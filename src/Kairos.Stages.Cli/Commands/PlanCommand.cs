using System.CommandLine;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Image.Kernel;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages plan</c>: the resolved, ordered plan as text, YAML or JSON; never writes.</summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var binder = new BuildOptionsBinder();
        var stages = new StageOptions();
        var format = new Option<string>("--format", "--output") { Description = "text, yaml or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "yaml", "json");
        var command = new Command("plan", "print the resolved, ordered plan: every step, its stage and source, and run or skip with the reason") { format };
        binder.AddTo(command);
        stages.AddTo(command);
        command.SetAction(parse =>
        {
            var context = BuildContextLoader.Load(binder, parse, o => o with { AllowMissingVersion = true });
            if (context is null)
            {
                return ExitCodes.Usage;
            }

            var request = stages.Request(parse, ContextWithKernel.Refresh(context), binder);
            var prepared = PipelineReporter.Report(StagePipeline.Prepare(request), parse.InvocationConfiguration.Error);
            if (prepared is null)
            {
                return ExitCodes.Usage;
            }

            parse.InvocationConfiguration.Output.Write(parse.GetValue(format) switch
            {
                "json" => PlanWriter.ToJson(prepared.Plan),
                "yaml" => PlanWriter.ToYaml(prepared.Plan),
                _ => PlanWriter.ToText(prepared.Plan),
            });
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages render [FILE…]</c>: bundled stage files rendered for the given root or os-release and flags.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var binder = new BuildOptionsBinder();
        var files = new Argument<string[]>("files")
        {
            Description = "stage files by relative path (init/10-kairosRelease.yaml) or step name (kairosRelease); default: all",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("render", "print bundled stage files rendered for a target, as the YAML that will run") { files };
        binder.AddTo(command);
        command.SetAction(parse => Run(parse, binder, parse.GetValue(files) ?? []));
        return command;
    }

    private static int Run(ParseResult parse, BuildOptionsBinder binder, string[] requested)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var versionGiven = !string.IsNullOrWhiteSpace(parse.GetValue(binder.Version));
        var context = BuildContextLoader.Load(binder, parse, options => options with { AllowMissingVersion = true });
        if (context is null)
        {
            return ExitCodes.Usage;
        }

        if (!versionGiven)
        {
            error.WriteLine($"warning: --version not given; rendering with {context.Version}");
        }

        var source = binder.Source(parse);
        var stages = source.ListStages();
        var selected = BuildStageSelection.Select(stages, requested, out var selectionError) ?? throw new UsageException(selectionError);

        StageRenderer renderer;
        try
        {
            renderer = StageRenderer.ForSource(source);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, e);
        }

        var failed = false;
        foreach (var stage in selected)
        {
            var result = renderer.Render(stage, context);
            foreach (var diagnostic in result.Diagnostics)
            {
                error.WriteLine(diagnostic.ToString());
            }

            if (!result.Success)
            {
                failed = true;
                continue;
            }

            if (selected.Count > 1)
            {
                output.WriteLine($"--- # stages/{stage.RelativePath}");
            }

            output.Write(result.Text);
        }

        return failed ? ExitCodes.Usage : ExitCodes.Success;
    }
}

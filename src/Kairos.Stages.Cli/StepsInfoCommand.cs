using System.CommandLine;
using Kairos.Stages.Diagnostics;
using Kairos.Stages.Rendering;

namespace Kairos.Stages.Cli;

/// <summary><c>kairos-stages steps-info</c>: every bundled step name with its description, sorted by name.</summary>
public static class StepsInfoCommand
{
    public static Command Create()
    {
        var stagesDir = new Option<string?>("--stages-dir") { Description = "read a forked copy of the bundled stages" };
        var command = new Command("steps-info", "list every bundled step name with its description") { stagesDir };
        command.SetAction(parse =>
        {
            var source = BuildStageSource.From(parse, stagesDir);
            var output = parse.InvocationConfiguration.Output;
            var metadata = source.ListStages().Select(StageMetadata.Read).ToList();
            foreach (var missing in metadata.Where(m => m.Step is null))
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"stages/{missing.RelativePath}: warning {DiagnosticCodes.MissingStepMetadata}: no top-level 'step:' key");
            }

            var rows = metadata
                .Where(m => m.Step is not null)
                .OrderBy(m => m.Step, StringComparer.Ordinal)
                .Select(m => $"\"{m.Step}\": {m.Description ?? ""}")
                .ToList();
            const string header = "Step name & Description";
            var rule = new string('-', Math.Max(header.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Length)));
            output.WriteLine(header);
            output.WriteLine(rule);
            rows.ForEach(output.WriteLine);
            output.WriteLine(rule);
            return ExitCodes.Success;
        });
        return command;
    }
}

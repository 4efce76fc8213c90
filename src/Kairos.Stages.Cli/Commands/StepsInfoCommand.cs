using System.CommandLine;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages steps-info</c>: every name --skip-steps accepts (bundled steps, kairos-init aliases) with its description, sorted by name.</summary>
public static class StepsInfoCommand
{
    public static Command Create()
    {
        var stagesDir = new Option<string?>("--stages-dir") { Description = "read a forked copy of the bundled stages" };
        var command = new Command("steps-info", "list every step name --skip-steps accepts (the bundled steps and kairos-init's other names) with its description") { stagesDir };
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

            IReadOnlyList<StepAlias> aliases;
            try
            {
                aliases = StepAliases.Parse(source.ReadText(StepAliases.DataPath), source.DisplayPath(StepAliases.DataPath));
            }
            catch (InvalidDataException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.Usage;
            }

            // kairos-init's names without a stage file here say which bundled step or phase they map to
            var steps = metadata.Where(m => m.Step is not null).Select(m => (Name: m.Step!, Description: m.Description ?? ""));
            var mapped = aliases.Select(a => (a.Name, Description: string.Equals(a.Name, a.Skips, StringComparison.Ordinal)
                ? $"{a.Description} (a phase)"
                : $"{a.Description} (maps to \"{a.Skips}\")"));
            var rows = steps.Concat(mapped)
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => $"\"{r.Name}\": {r.Description}")
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

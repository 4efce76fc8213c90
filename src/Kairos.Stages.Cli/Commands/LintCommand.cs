using System.CommandLine;
using System.Reflection;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages lint [PATH…]</c>: parse, schema-check and semantically check stage files. Exit 0 clean, 1 errors, 2 usage.</summary>
public static class LintCommand
{
    /// <param name="preprocess">Renders bundled templates (top-level <c>step:</c>) before parsing; null parses them as they are.</param>
    public static Command Create(Func<string, string, (string? Text, IReadOnlyList<Diagnostic> Diagnostics)>? preprocess = null)
    {
        var paths = new Argument<string[]>("PATH") { Description = "stage files or directories (searched recursively for .yaml/.yml)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "output format: text, json or sarif", DefaultValueFactory = _ => "text" };
        var lenient = new Option<bool>("--lenient") { Description = "report unknown keys as warnings, as yip ignores them" };
        var command = new Command("lint", "check stage files: YAML, schema, and semantics (exit 0 clean, 1 errors, 2 usage)") { paths, format, lenient };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var arguments = parse.GetValue(paths) ?? [];

            // Checked here rather than with AcceptOnlyFromAmong: a parse error exits 1, and a usage error must exit 2.
            var chosen = parse.GetValue(format) ?? "text";
            if (chosen is not ("text" or "json" or "sarif"))
            {
                error.WriteLine($"lint: --format must be text, json or sarif, not '{chosen}'");
                return ExitCodes.Usage;
            }

            if (arguments.Length == 0)
            {
                // no paths: the bundled stages (rendered) and this root's extension directory
                return LintDefaults.Inputs(error) is { } defaults ? Report(parse, defaults, chosen, parse.GetValue(lenient), preprocess) : ExitCodes.Usage;
            }

            var (files, missing) = LintPaths.Expand(arguments);
            if (missing is not null)
            {
                error.WriteLine($"lint: no such file or directory: {missing}");
                return ExitCodes.Usage;
            }

            var inputs = new List<LintInput>();
            foreach (var file in files.Where(f => !IsStageData(f)))
            {
                try
                {
                    inputs.Add(new LintInput(file, SourceText.Decode(File.ReadAllBytes(file))));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"lint: cannot read {file}: {ex.Message}");
                    return ExitCodes.Usage;
                }
            }

            return Report(parse, inputs, chosen, parse.GetValue(lenient), preprocess);
        });
        return command;
    }

    private static int Report(ParseResult parse, IReadOnlyList<LintInput> inputs, string chosen, bool lenient,
        Func<string, string, (string? Text, IReadOnlyList<Diagnostic> Diagnostics)>? preprocess)
    {
        var diagnostics = Linter.Lint(inputs, new LintOptions { Lenient = lenient, Preprocess = preprocess });
        parse.InvocationConfiguration.Output.Write(chosen switch
        {
            "json" => LintReportWriter.Json(diagnostics),
            "sarif" => LintReportWriter.Sarif(diagnostics, ToolVersion()),
            _ => LintReportWriter.Text(diagnostics),
        });
        var errors = diagnostics.Count(d => d.IsError);
        parse.InvocationConfiguration.Error.WriteLine($"lint: {inputs.Count} file(s), {errors} error(s), {diagnostics.Count - errors} warning(s)");
        return ExitCodes.Of(errors == 0);
    }

    /// <summary>The data files of a stages directory (data/packages.yaml, data/artifacts.yaml) are not stage files.</summary>
    private static bool IsStageData(string file) =>
        Path.GetFileName(Path.GetDirectoryName(file)) == "data" && Path.GetFileName(file) is "packages.yaml" or "artifacts.yaml";

    private static string ToolVersion() =>
        (typeof(LintCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}

using System.CommandLine;
using System.Reflection;
using Kairos.Stages.Diagnostics;
using Kairos.Stages.Loading;
using Kairos.Stages.Validation;

namespace Kairos.Stages.Cli;

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
            if (arguments.Length == 0)
            {
                error.WriteLine("lint: give at least one PATH (a stage file or a directory)");
                return 2;
            }

            // Checked here rather than with AcceptOnlyFromAmong: a parse error exits 1, and a usage error must exit 2.
            var chosen = parse.GetValue(format);
            if (chosen is not ("text" or "json" or "sarif"))
            {
                error.WriteLine($"lint: --format must be text, json or sarif, not '{chosen}'");
                return 2;
            }

            var (files, missing) = LintPaths.Expand(arguments);
            if (missing is not null)
            {
                error.WriteLine($"lint: no such file or directory: {missing}");
                return 2;
            }

            var inputs = new List<LintInput>();
            foreach (var file in files)
            {
                try
                {
                    inputs.Add(new LintInput(file, SourceText.Decode(File.ReadAllBytes(file))));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"lint: cannot read {file}: {ex.Message}");
                    return 2;
                }
            }

            var diagnostics = Linter.Lint(inputs, new LintOptions { Lenient = parse.GetValue(lenient), Preprocess = preprocess });
            output.Write(chosen switch
            {
                "json" => LintReportWriter.Json(diagnostics),
                "sarif" => LintReportWriter.Sarif(diagnostics, ToolVersion()),
                _ => LintReportWriter.Text(diagnostics),
            });
            var errors = diagnostics.Count(d => d.IsError);
            error.WriteLine($"lint: {files.Count} file(s), {errors} error(s), {diagnostics.Count - errors} warning(s)");
            return errors > 0 ? 1 : 0;
        });
        return command;
    }

    private static string ToolVersion() =>
        (typeof(LintCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}

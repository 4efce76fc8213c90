using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.Image.Checks;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages validate</c>: proves a finished root is Kairos-ready (exit 0 ok or warnings, 1 failures, 2 usage).</summary>
public static class ValidateCommand
{
    private static IReadOnlyList<string> Models => KnownModels.All;
    private static IReadOnlyList<string> Providers => BuildEnums.Providers;
    private static readonly string[] Outputs = ["text", "json"];

    public static Command Create()
    {
        var action = new ValidateAction();
        var command = new Command("validate", "check that a finished root is a valid Kairos image: binaries, boot files, kairos-release, initrd, services, kernel")
        {
            action.Root, action.Model, action.Kubernetes, action.Trusted, action.Output,
        };
        command.Action = action;
        return command;
    }

    /// <summary>No value means true (<c>-t</c>); true/1 and false/0 are accepted; anything else is a usage error, not a silent false.</summary>
    private static bool? ParseTrusted(string? value) => value?.ToLowerInvariant() switch
    {
        null or "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>Takes over parse errors (missing values, unknown arguments) so they exit 2 with one line, not 1 with the usage text.</summary>
    private sealed class ValidateAction : AsynchronousCommandLineAction
    {
        public Option<string> Root { get; } = new("--root") { Description = "the root directory to check", DefaultValueFactory = _ => "/" };

        public Option<string?> Model { get; } = new("--model", "-m") { Description = "board model (default: KAIROS_MODEL from /etc/kairos-release, else generic)" };

        public Option<string?> Kubernetes { get; } = new("--kubernetes", "-k", "--provider", "-p") { Description = "k3s or k0s: check the standard variant (default: KAIROS_VARIANT and KAIROS_SOFTWARE_VERSION_PREFIX)" };

        public Option<string?> Trusted { get; } = new("--trusted-boot", "-t", "--trusted") { Description = "Trusted Boot image: no /boot/initrd needed (true|false; default: KAIROS_TRUSTED_BOOT)", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> Output { get; } = new("--output") { Description = "text or json", DefaultValueFactory = _ => "text" };

        public override bool ClearsParseErrors => true;

        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            if (UsageProblem(parseResult) is { } problem)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"validate: {problem}");
                return ExitCodes.Usage;
            }

            var options = new ValidateOptions(
                parseResult.GetValue(Model),
                parseResult.GetValue(Kubernetes)?.ToLowerInvariant(),
                parseResult.GetResult(Trusted) is null ? null : ParseTrusted(parseResult.GetValue(Trusted)));
            var target = ValidationSetup.TargetFor(parseResult.GetValue(Root)!);
            ValidationReport report;
            try
            {
                report = await ImageValidator.ValidateAsync(CheckContextFactory.Create(target, options), cancellationToken: cancellationToken);
            }
            finally
            {
                (target as IDisposable)?.Dispose();
            }

            if (parseResult.GetValue(Output) == "json")
            {
                stdout.WriteLine(ValidationJsonWriter.ToJson(report));
            }
            else
            {
                ValidationTextWriter.Write(report, stdout);
            }

            return ExitCodes.Of(report.Ok);
        }

        private string? UsageProblem(ParseResult parse)
        {
            if (parse.UnmatchedTokens.Count > 0)
            {
                return $"unrecognized argument '{parse.UnmatchedTokens[0]}'";
            }

            foreach (var option in new Option[] { Root, Model, Kubernetes, Output })
            {
                if (parse.GetResult(option) is OptionResult { Implicit: false, Tokens.Count: 0 } given)
                {
                    return $"{given.IdentifierToken?.Value ?? option.Name} needs a value";
                }
            }

            var root = parse.GetValue(Root)!;
            var output = parse.GetValue(Output)!;
            var model = parse.GetValue(Model);
            var provider = parse.GetValue(Kubernetes);
            var trusted = parse.GetValue(Trusted);
            return !Directory.Exists(root) ? $"root directory '{root}' does not exist"
                : !Outputs.Contains(output) ? $"--output must be text or json, not '{output}'{Suggestions.DidYouMean(output, Outputs)}"
                : model is not null && !Models.Contains(model) ? $"unknown model '{model}'{Suggestions.DidYouMean(model, Models)} (one of {string.Join(", ", Models)})"
                : provider is not null && !Providers.Contains(provider.ToLowerInvariant()) ? $"unknown Kubernetes provider '{provider}'{Suggestions.DidYouMean(provider, Providers)} ({string.Join(" or ", Providers)})"
                : ParseTrusted(trusted) is null ? $"--trusted-boot takes true or false, not '{trusted}'"
                : null;
        }
    }
}

using System.CommandLine;
using System.CommandLine.Invocation;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Cli.Commands;

/// <summary>Builds the command tree and runs it; the one place that turns exceptions into exit codes (<see cref="ExitCodes"/>).</summary>
public static class CliApp
{
    private static readonly string[] HelpWords = ["-h", "--help", "-?"];

    /// <summary>Parses and runs <paramref name="args"/>; <paramref name="targets"/> makes the target <c>run</c> acts on from the root (null: <see cref="RunTargets.ForRoot"/>; tests pass a recording target).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, Func<string, ITarget>? targets = null)
    {
        args = CompatibleArguments(args);
        if (args is [("run" or "plan" or "lint" or "artifacts"), ..] && !args.Any(HelpWords.Contains))
        {
            // These check stage files against the schema; building the validator takes milliseconds that a spare
            // core can spend while the command line is parsed and the templates render.
            SchemaValidator.Prewarm();
        }

        var root = new RootCommand("kairos-stages: turn a container image into a Kairos-ready image from declarative yip stage files");
        // kairos-init's --version is the OS version, not the tool's: the tool has 'kairos-stages version'.
        foreach (var option in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(option);
        }

        root.Subcommands.Add(RunCommand.Create(targets ?? RunTargets.ForRoot));
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(LintCommand.Create(LintDefaults.Preprocess()));
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(BuildIsoCommand.Create());
        root.Subcommands.Add(BuildUkiCommand.Create());
        root.Subcommands.Add(GenkeyCommand.Create());
        root.Subcommands.Add(BuildDiskCommand.Create());
        root.Subcommands.Add(NetbootCommand.Create());
        root.Subcommands.Add(StepsInfoCommand.Create());
        root.Subcommands.Add(StagesCommand.Create());
        root.Subcommands.Add(ArtifactsCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,

            // Exceptions are mapped below: a usage error is not a crash, and a crash is not "a step failed".
            EnableDefaultExceptionHandler = false,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                config.Error.WriteLine($"error: {error.Message}");
            }

            config.Error.WriteLine($"see 'kairos-stages {parse.CommandResult.Command.Name} --help'".Replace("kairos-stages kairos-stages", "kairos-stages", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (UsageException usage)
        {
            config.Error.WriteLine($"error: {usage.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            // Signals are handled where commands run (exit 130/143 with the run recorded); this is cancellation outside them.
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            config.Error.WriteLine($"kairos-stages: internal error: {e}");
            config.Error.WriteLine("This is a bug in kairos-stages, not a problem with your input: please report it with the command line and the output above.");
            return ExitCodes.Internal;
        }
    }

    /// <summary>kairos-init's command line (flags, no subcommand) means <c>run</c>, so existing Dockerfile lines keep working.</summary>
    public static string[] CompatibleArguments(string[] args) =>
        args.Length > 0 && args[0].StartsWith('-') && !HelpWords.Contains(args[0]) ? ["run", .. args] : args;
}

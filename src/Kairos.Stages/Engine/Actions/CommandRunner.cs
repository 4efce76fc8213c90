using Kairos.Stages.Engine.PackageManagers.Progress;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.Target.Platform;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Actions;

/// <summary>
/// Runs one shell script in the target and turns a non-zero exit into a failure with the output
/// tail. Every output line goes to the step's progress; with a package-manager parser, its counted
/// work too, and its machine-only status lines stay out of the log and the failure output.
/// </summary>
internal static class CommandRunner
{
    public const int TailLines = 20;

    /// <summary>Runs <paramref name="script"/>; returns null on success, else the failure.</summary>
    public static async Task<ActionFailure?> RunAsync(
        ActionContext context, string script, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, string? shown = null,
        IPackageProgressParser? parser = null)
    {
        var request = new CommandRequest(script)
        {
            OnOutput = line =>
            {
                if (parser?.Read(line) is { } work)
                {
                    context.Progress.Work(work);
                }

                if (parser?.IsStatusLine(line) != true)
                {
                    context.Log.Debug("  {Line}", UrlRedactor.RedactText(line));
                    context.Progress.Output(UrlRedactor.RedactText(line));
                }
            },
        };
        if (environment is not null)
        {
            request = request with { Environment = environment };
        }

        var display = UrlRedactor.RedactText(shown ?? script);
        context.Log.Debug("running: {Command}", display);
        var result = await context.Target.RunAsync(request, cancellationToken);
        return result.Succeeded
            ? null
            : new ActionFailure($"command '{display}' failed with exit code {result.ExitCode}")
            {
                Command = display,
                ExitCode = result.ExitCode,
                OutputTail = UrlRedactor.RedactText(Tail(result, parser)),
            };
    }

    private static string Tail(CommandResult result, IPackageProgressParser? parser) =>
        parser is null ? result.Tail(TailLines) : (result with { Output = string.Join('\n', result.Output.Split('\n').Where(l => !parser.IsStatusLine(l))) }).Tail(TailLines);
}

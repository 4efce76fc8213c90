using Kairos.Stages.Downloads;
using Kairos.Stages.Execution;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Actions;

/// <summary>Runs one shell script in the target and turns a non-zero exit into a failure with the output tail.</summary>
internal static class CommandRunner
{
    public const int TailLines = 20;

    /// <summary>Runs <paramref name="script"/>; returns null on success, else the failure.</summary>
    public static async Task<ActionFailure?> RunAsync(
        ActionContext context, string script, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, string? shown = null)
    {
        var request = new CommandRequest(script)
        {
            OnOutput = line => context.Log.Debug("  {Line}", UrlRedactor.RedactText(line)),
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
                OutputTail = UrlRedactor.RedactText(result.Tail(TailLines)),
            };
    }
}

using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>authorized_keys</c>: add keys per user (literal, <c>github:</c>, <c>gitlab:</c> or a URL) to the root's users.</summary>
public sealed class AuthorizedKeysAction : IStepAction
{
    private readonly Downloader? _downloader;

    public AuthorizedKeysAction(Downloader? downloader)
    {
        _downloader = downloader;
    }

    public string Key => "authorized_keys";

    public bool IsPresent(Step step) => step.AuthorizedKeys.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        foreach (var entry in step.AuthorizedKeys.OrderBy(k => k.User, StringComparer.Ordinal))
        {
            IReadOnlyList<string> errors;
            try
            {
                errors = await SshKeyWriter.AddAsync(context, _downloader, entry.User, entry.Keys, cancellationToken);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                errors = [$"cannot write keys for '{entry.User}': {error.Message}"];
            }

            if (errors.Any(outcome.Fail))
            {
                break;
            }
        }

        return outcome.Build();
    }
}

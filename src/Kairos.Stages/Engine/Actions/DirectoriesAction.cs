using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>directories</c>: an existing directory gets the exact mode and owner; a missing one is created with its ancestors.</summary>
public sealed class DirectoriesAction : IStepAction
{
    public string Key => "directories";

    public bool IsPresent(Step step) => step.Directories.Count > 0;

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        foreach (var entry in step.Directories)
        {
            var mode = Modes.Of(entry.Permissions);
            var (uid, gid) = (entry.Owner ?? 0, entry.Group ?? 0);
            try
            {
                if (string.IsNullOrWhiteSpace(entry.Path))
                {
                    throw new InvalidOperationException("a directories entry has no path");
                }

                if (files.DirectoryExists(entry.Path))
                {
                    files.SetMode(entry.Path, mode);
                    files.SetOwner(entry.Path, uid, gid);
                }
                else if (files.Exists(entry.Path))
                {
                    throw new IOException("it exists and is not a directory");
                }
                else
                {
                    DirectoryMaker.EnsureDirectory(files, entry.Path, mode, uid, gid);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                if (outcome.Fail($"cannot ensure directory {entry.Path} ({entry.Location}): {error.Message}"))
                {
                    break;
                }
            }
        }

        return Task.FromResult(outcome.Build());
    }
}
